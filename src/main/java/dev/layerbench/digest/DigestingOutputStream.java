package dev.layerbench.digest;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Decorates a stream: every byte written through it is hashed with sha256 and counted, in the same pass. */
public class DigestingOutputStream extends FilterOutputStream {

    private final MessageDigest md = Sha256.newDigest();
    private long count;

    public DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        md.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        md.update(b, off, len);
        count += len;
    }

    /** The digest of the bytes written so far. */
    public Digest digest() {
        return Sha256.snapshot(md);
    }

    /** The number of bytes written so far. */
    public long count() {
        return count;
    }
}
