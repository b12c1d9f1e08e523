package dev.layerbench.layer;

import dev.layerbench.codec.Compression;
import dev.layerbench.codec.ReadAhead;
import dev.layerbench.digest.Digest;
import dev.layerbench.digest.DigestMismatchException;
import dev.layerbench.digest.DigestingInputStream;
import dev.layerbench.input.BadInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Optional;

/**
 * A layer's tar, read from its blob in one pass: the compression recognised by its magic bytes (and checked against
 * what is declared), a compressed blob decompressed ahead on a thread of its own, the blob hashed as stored and the
 * tar hashed as read. A plain tar is its own uncompressed stream: it is hashed once, and that hash is checked against
 * both the digest and the diff_id.
 *
 * <p>The read that reaches the end verifies every check of its {@link LayerCheck} (blob size, blob digest, then
 * diff_id) and throws {@link DigestMismatchException} on the first that fails; so does every read after it. A
 * corrupt compressed stream fails with one {@link LayerException} line naming the layer and the codec, or, when the
 * blob does not match its digest either, with that mismatch, the likelier cause. Closing stops the read-ahead and
 * closes the blob.
 */
public final class LayerStream extends InputStream {

    private static final int BUFFER = 256 * 1024;
    private static final int SKIP_BUFFER = 64 * 1024;

    private final LayerCheck check;
    private final Compression compression;
    /** The blob as stored, hashed for its digest (and, for a plain tar, its diff_id). */
    private final DigestingInputStream blob;
    /** What the reader gets: the buffered blob for a plain tar, else the diff_id hash over the read-ahead. */
    private final InputStream tar;
    /** For a compressed blob, the tar hashed for its diff_id; null for a plain tar (the blob hash is the diff_id). */
    private final DigestingInputStream tarHash;
    /** For a compressed blob, the read-ahead and the decompressor under it (closed after it stops); else null. */
    private final ReadAhead ahead;

    private final InputStream decompressor;
    private final byte[] one = new byte[1];
    private byte[] skipBuffer;
    private long count;
    private Digest diffId;
    private IOException failure;

    private LayerStream(
            LayerCheck check,
            Compression compression,
            DigestingInputStream blob,
            InputStream tar,
            DigestingInputStream tarHash,
            ReadAhead ahead,
            InputStream decompressor) {
        this.check = check;
        this.compression = compression;
        this.blob = blob;
        this.tar = tar;
        this.tarHash = tarHash;
        this.ahead = ahead;
        this.decompressor = decompressor;
    }

    /**
     * Opens a layer's tar from its blob as stored ({@code blob}, raw: this stream hashes it and closes it).
     *
     * @throws LayerException when the compression is not the declared one, or the compressed stream's header is corrupt
     */
    public static LayerStream open(InputStream blob, LayerCheck check) throws IOException {
        DigestingInputStream hashed = new DigestingInputStream(blob);
        try {
            BufferedInputStream markable = new BufferedInputStream(hashed, BUFFER);
            Compression actual = Compression.detect(markable);
            Optional<LayerCheck.Declared> declared = check.declared();
            if (declared.isPresent() && declared.get().compression() != actual) {
                throw new LayerException(check.where() + ": " + declared.get().by() + " says "
                        + declared.get().compression().label() + " but the content is " + actual.label());
            }
            if (actual == Compression.NONE) {
                return new LayerStream(check, actual, hashed, markable, null, null, null);
            }
            InputStream decompressed;
            try {
                decompressed = actual.decompress(markable);
            } catch (IOException e) {
                throw new LayerException(corrupt(check, actual, e), e);
            }
            // reading, the blob digest and decompression run ahead on a thread of their own; the diff_id is computed
            // on the thread that reads this stream
            ReadAhead ahead = new ReadAhead(decompressed, "layer-decompress");
            DigestingInputStream tarHash = new DigestingInputStream(ahead);
            return new LayerStream(check, actual, hashed, tarHash, tarHash, ahead, decompressed);
        } catch (IOException | RuntimeException | Error e) {
            hashed.close();
            throw e;
        }
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (diffId != null) {
            return -1;
        }
        int n;
        try {
            n = tar.read(b, off, len);
        } catch (BadInputException | InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (compression == Compression.NONE) {
                throw e; // reading the blob failed: not a codec's failure
            }
            throw corruptStream(e);
        }
        if (n < 0) {
            end();
            return -1;
        }
        count += n;
        return n;
    }

    /** Skipped bytes are read, hashed and checked like the others. */
    @Override
    public long skip(long n) throws IOException {
        if (skipBuffer == null) {
            skipBuffer = new byte[SKIP_BUFFER];
        }
        long done = 0;
        while (done < n) {
            int r = read(skipBuffer, 0, (int) Math.min(skipBuffer.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public int available() throws IOException {
        return failure != null || diffId != null ? 0 : tar.available();
    }

    /** The tar's end: reads the blob's trailing bytes, then checks size, digest and diff_id, in that order. */
    private void end() throws IOException {
        try {
            stopReadingAhead();
            blob.drain(); // trailing bytes still count toward the blob digest
            checkBlob();
            Digest actual = tarHash == null ? blob.digest() : tarHash.digest();
            Optional<Digest> expected = check.diffId();
            if (expected.isPresent() && !expected.get().equals(actual)) {
                long tarBytes = tarHash == null ? blob.count() : tarHash.count();
                throw new DigestMismatchException(check.where() + " (diff_id)", expected.get(), actual, -1, tarBytes);
            }
            diffId = actual;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void checkBlob() throws DigestMismatchException {
        Digest actual = blob.digest();
        boolean sizeWrong = check.size() != LayerCheck.UNKNOWN_SIZE && blob.count() != check.size();
        if (check.digest().isPresent() && (sizeWrong || !check.digest().get().equals(actual))) {
            throw new DigestMismatchException(check.where(), check.digest().get(), actual, check.size(), blob.count());
        }
    }

    /**
     * A decompressor failed: most often the blob is corrupt, so when it does not match its digest, that is the error;
     * else one line naming the layer and the codec.
     */
    private IOException corruptStream(Exception e) {
        IOException result;
        try {
            stopReadingAhead();
            blob.drain();
            checkBlob();
            result = new LayerException(corrupt(check, compression, e), e);
        } catch (DigestMismatchException mismatch) {
            mismatch.addSuppressed(e);
            result = mismatch;
        } catch (IOException | RuntimeException ignored) {
            // the blob's own source failed too; report the decompression error
            result = new LayerException(corrupt(check, compression, e), e);
        }
        failure = result;
        return result;
    }

    /** Stops the read-ahead thread (waiting for it), so the blob can be read on this thread. */
    private void stopReadingAhead() {
        if (ahead != null) {
            ahead.close();
        }
    }

    private static String corrupt(LayerCheck check, Compression c, Throwable e) {
        return check.where() + ": corrupt " + c.label() + " stream: " + reason(e);
    }

    /** An exception's message on one line, or its class when it has none. */
    static String reason(Throwable e) {
        String m = e.getMessage();
        return (m == null ? e.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    /**
     * Reads what is left, verifying every check; returns the tar's size (uncompressed bytes).
     *
     * @throws DigestMismatchException when the blob or the tar is not what the check expects
     */
    public long verifyToEnd() throws IOException {
        byte[] buffer = new byte[BUFFER];
        while (read(buffer, 0, buffer.length) >= 0) {
            // hashing happens in the decorators
        }
        return count;
    }

    /** The tar's digest, its diff_id, once the end was read and every check passed. */
    public Digest diffId() {
        if (diffId == null) {
            throw new IllegalStateException(check.where() + ": the diff_id is known at the end of a verified read");
        }
        return diffId;
    }

    /** The compression the blob has. */
    public Compression compression() {
        return compression;
    }

    /** Blob bytes read so far (as stored, compressed). */
    public long compressedCount() {
        return blob.count();
    }

    /** Tar bytes read so far (uncompressed). */
    public long uncompressedCount() {
        return count;
    }

    /** Bytes hashed so far, over both hashes: a plain tar's bytes count once. */
    public long hashedBytes() {
        return blob.count() + (tarHash == null ? 0 : tarHash.count());
    }

    /** Stops the read-ahead (if any), then closes the decompressor and the blob. */
    @Override
    public void close() throws IOException {
        try {
            stopReadingAhead();
        } finally {
            (decompressor != null ? decompressor : tar).close();
        }
    }
}
