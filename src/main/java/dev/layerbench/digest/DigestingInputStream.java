package dev.layerbench.digest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Decorates a stream: every byte read through it is hashed with sha256 and counted, in the same pass.
 * {@link #digest()} and {@link #count()} give the values for what has been read so far. Closing closes the
 * decorated stream.
 */
public class DigestingInputStream extends FilterInputStream {

    private final MessageDigest md = Sha256.newDigest();
    private long count;

    public DigestingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            md.update((byte) b);
            count++;
        } else {
            onEnd();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            md.update(b, off, n);
            count += n;
        } else if (n < 0) {
            onEnd();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must still be hashed.
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 64 * 1024)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {}

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported while digesting");
    }

    /** Reads whatever is left so the digest covers the whole stream; returns the bytes drained. */
    public long drain() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long drained = 0;
        for (int n; (n = read(buffer, 0, buffer.length)) >= 0; ) {
            drained += n;
        }
        return drained;
    }

    /** Hook called once the decorated stream reports its end. */
    protected void onEnd() throws IOException {}

    /** The digest of the bytes read so far. */
    public Digest digest() {
        return Sha256.snapshot(md);
    }

    /** The number of bytes read so far. */
    public long count() {
        return count;
    }
}
