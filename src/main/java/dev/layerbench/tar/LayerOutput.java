package dev.layerbench.tar;

import com.github.luben.zstd.ZstdOutputStream;
import dev.layerbench.digest.DigestingOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The stream an uncompressed layer tar is written into: it hashes the tar bytes (diff_id), compresses them as the
 * options say and hashes the compressed bytes (blob digest) on their way to the caller's stream, in one pass. Used by
 * {@link LayerWriter}, and on its own to re-compress an existing tar without changing its diff_id. The caller's stream
 * is not closed.
 */
public final class LayerOutput extends FilterOutputStream {

    private static final int BUFFER = 256 * 1024;

    private final LayerWriterOptions options;
    private final DigestingOutputStream blob;
    private final OutputStream compressor;
    private final DigestingOutputStream tar;
    private LayerDigests result;

    private LayerOutput(
            DigestingOutputStream blob,
            OutputStream compressor,
            DigestingOutputStream tar,
            LayerWriterOptions options) {
        super(tar);
        this.blob = blob;
        this.compressor = compressor;
        this.tar = tar;
        this.options = options;
    }

    /** Starts a layer blob on {@code out}. */
    public static LayerOutput open(OutputStream out, LayerWriterOptions options) throws IOException {
        DigestingOutputStream blob = new DigestingOutputStream(new KeepOpen(out));
        OutputStream compressor = switch (options.compression()) {
            case NONE -> blob;
            case GZIP -> new FixedLevelGzip(blob, options.level());
            case ZSTD -> {
                ZstdOutputStream z = new ZstdOutputStream(blob, options.level());
                z.setChecksum(false);
                yield z;
            }
        };
        return new LayerOutput(blob, compressor, new DigestingOutputStream(compressor), options);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        tar.write(b, off, len);
    }

    /** Ends the compressed frame and flushes; returns the digests. {@code entries} is recorded as given. */
    public LayerDigests finish(int entries) throws IOException {
        if (result == null) {
            tar.flush();
            if (compressor != blob) {
                compressor.close(); // ends the gzip member or zstd frame; KeepOpen keeps the caller's stream open
            }
            blob.flush();
            result = new LayerDigests(
                    tar.digest(), tar.count(), options.compression(), blob.digest(), blob.count(), entries);
        }
        return result;
    }

    /** Does not close the caller's stream; call {@link #finish} first, or the blob is incomplete. */
    @Override
    public void close() throws IOException {
        if (result == null && compressor != blob) {
            compressor.close();
        }
    }

    /**
     * java.util.zip's gzip at a chosen level. Its header is fixed (no mtime, no file name, constant OS byte), so the
     * output depends only on the input, the level and the zlib the JDK uses.
     */
    private static final class FixedLevelGzip extends GZIPOutputStream {
        FixedLevelGzip(OutputStream out, int level) throws IOException {
            super(out, BUFFER);
            def.setLevel(level);
        }
    }

    /** Keeps {@link #close()} from reaching the caller's stream. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
