package dev.layerbench.image;

import dev.layerbench.codec.Compression;
import dev.layerbench.codec.ReadAhead;
import dev.layerbench.digest.DigestMismatchException;
import dev.layerbench.digest.VerifyingInputStream;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A layer's uncompressed tar stream, verified in the same pass: the compressed bytes against the blob digest and
 * size, the uncompressed bytes against the diff_id. The read that reaches the end throws
 * {@link DigestMismatchException} on either mismatch; a corrupt compressed stream fails with one line naming the
 * layer. The compression is recognised by magic bytes and must agree with the media type.
 */
public final class LayerInputStream extends FilterInputStream {

    private final VerifyingInputStream compressed;
    private final VerifyingInputStream uncompressed;
    /** For a compressed layer, the decompressor under the read-ahead: closed after the read-ahead stops. */
    private final InputStream decompressor;

    private final Compression compression;
    private final String where;

    private LayerInputStream(
            VerifyingInputStream compressed,
            VerifyingInputStream uncompressed,
            InputStream decompressor,
            Compression compression,
            String where) {
        super(uncompressed);
        this.compressed = compressed;
        this.uncompressed = uncompressed;
        this.decompressor = decompressor;
        this.compression = compression;
        this.where = where;
    }

    /**
     * Decorates a layer blob stream that verifies the blob digest (as {@link ImageArchive#openLayer} or the store
     * return).
     */
    public static LayerInputStream open(InputStream verifiedBlob, Layer layer, String where) throws IOException {
        VerifyingInputStream compressed = verifiedBlob instanceof VerifyingInputStream v
                ? v
                : new VerifyingInputStream(verifiedBlob, layer.digest(), layer.size(), where);
        BufferedInputStream markable = new BufferedInputStream(compressed, 64 * 1024);
        Compression actual = Compression.detect(markable);
        if (actual != layer.compression()) {
            compressed.close();
            throw new ImageException(where + ": media type " + layer.mediaType() + " says "
                    + layer.compression().label() + " but the content is " + actual.label());
        }
        InputStream decompressed;
        try {
            decompressed = actual.decompress(markable);
        } catch (IOException e) {
            compressed.close();
            throw new ImageException(where + ": corrupt " + actual.label() + " stream: " + message(e));
        }
        // reading, the blob digest and decompression run ahead on a thread of their own; the diff_id is computed by
        // the thread that reads this stream
        InputStream ahead;
        try {
            ahead = actual == Compression.NONE ? decompressed : new ReadAhead(decompressed, "layer-decompress");
        } catch (RuntimeException | Error e) {
            decompressed.close(); // no thread to read ahead: nothing started
            throw e;
        }
        VerifyingInputStream uncompressed = new VerifyingInputStream(
                ahead, layer.diffId(), VerifyingInputStream.UNKNOWN_SIZE, where + " uncompressed (diff_id)");
        return new LayerInputStream(
                compressed, uncompressed, actual == Compression.NONE ? null : decompressed, actual, where);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = uncompressed.read(b, off, len);
            if (n < 0) {
                compressed.drain(); // trailing bytes still count toward the blob digest
            }
        } catch (DigestMismatchException | ImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // A corrupt stream is most often a corrupt blob: when the blob does not match its digest, say that.
            try {
                compressed.drain();
            } catch (DigestMismatchException mismatch) {
                mismatch.addSuppressed(e);
                throw mismatch;
            } catch (IOException | RuntimeException ignored) {
                // the blob's own source failed too; report the decompression error
            }
            throw new ImageException(where + ": corrupt " + compression.label() + " stream: " + message(e), e);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return uncompressed.skip(n);
    }

    /** Compressed bytes read so far. */
    public long compressedCount() {
        return compressed.count();
    }

    /** Uncompressed bytes read so far. */
    public long uncompressedCount() {
        return uncompressed.count();
    }

    /** Reads to the end, verifying both digests; returns the uncompressed size. */
    public long verifyToEnd() throws IOException {
        byte[] buffer = new byte[256 * 1024];
        while (read(buffer, 0, buffer.length) >= 0) {
            // hashing happens in the decorators
        }
        return uncompressed.count();
    }

    /** Stops the read-ahead (if any), then closes the decompressor and the blob. */
    @Override
    public void close() throws IOException {
        try {
            uncompressed.close();
        } finally {
            if (decompressor != null) {
                decompressor.close();
            }
        }
    }

    public Compression compression() {
        return compression;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return (m == null ? e.getClass().getSimpleName() : m).replace('\n', ' ');
    }
}
