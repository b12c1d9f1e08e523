package dev.layerbench.unpack;

import dev.layerbench.codec.Compression;
import dev.layerbench.codec.ReadAhead;
import dev.layerbench.digest.Digest;
import dev.layerbench.digest.DigestMismatchException;
import dev.layerbench.digest.DigestingInputStream;
import dev.layerbench.digest.VerifyingInputStream;
import dev.layerbench.input.BadInputException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A layer blob file (tar, tar+gzip or tar+zstd, recognised by its magic bytes), with the digest and diff_id it must
 * have when they are known: both are computed while it is read, and checked at its end.
 */
public record LayerBlob(Path file, Optional<Digest> digest, Optional<Digest> diffId) implements LayerSource {

    private static final int BUFFER = 256 * 1024;

    public LayerBlob {
        if (file == null || digest == null || diffId == null) {
            throw new IllegalArgumentException("a layer blob needs a file; digests may be empty, not null");
        }
    }

    /** A blob whose digests are computed and reported, not checked. */
    public static LayerBlob of(Path file) {
        return new LayerBlob(file, Optional.empty(), Optional.empty());
    }

    @Override
    public String where() {
        return file.toString();
    }

    @Override
    public long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public Opened open() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw Files.exists(file)
                    ? new UnpackException(file + ": not a regular file")
                    : new NoSuchFileException(file.toString());
        }
        InputStream raw = Files.newInputStream(file);
        DigestingInputStream compressed = digest.<DigestingInputStream>map(
                        d -> new VerifyingInputStream(raw, d, VerifyingInputStream.UNKNOWN_SIZE, file.toString()))
                .orElseGet(() -> new DigestingInputStream(raw));
        try {
            BufferedInputStream markable = new BufferedInputStream(compressed, BUFFER);
            Compression codec = Compression.detect(markable);
            InputStream decompressed;
            try {
                decompressed = codec.decompress(markable);
            } catch (IOException e) {
                throw new UnpackException(file + ": corrupt " + codec.label() + " stream: " + LayerApplier.reason(e));
            }
            if (codec == Compression.NONE) {
                // a plain tar is its own uncompressed stream: hash it once, for both the digest and the diff_id
                return new OpenedBlob(
                        file + " (diff_id)",
                        compressed,
                        markable,
                        null,
                        diffId.filter(d -> digest.isEmpty() || !d.equals(digest.get())),
                        null);
            }
            InputStream checked = new CodecErrors(decompressed, file + ": corrupt " + codec.label() + " stream: ");
            // reading, the blob digest and decompression run ahead on a thread of their own; the diff_id is computed
            // on the thread that reads this layer's tar (with Unpacker's read-ahead: a second one)
            ReadAhead ahead = new ReadAhead(checked, "unpack-decompress");
            DigestingInputStream tar = diffId.<DigestingInputStream>map(d -> new VerifyingInputStream(
                            ahead, d, VerifyingInputStream.UNKNOWN_SIZE, file + " uncompressed (diff_id)"))
                    .orElseGet(() -> new DigestingInputStream(ahead));
            return new OpenedBlob(file + " (diff_id)", compressed, tar, tar, Optional.empty(), checked);
        } catch (IOException | RuntimeException | Error e) {
            compressed.close();
            throw e;
        }
    }

    /**
     * @param uncompressed the decompressed stream's digest, null for a plain tar (then it is {@code compressed})
     * @param plainDiffId  for a plain tar, a diff_id expected beside a different digest: checked against the one hash
     * @param decompressor for a compressed blob, the decompressed stream under the read-ahead (closed after it)
     */
    private record OpenedBlob(
            String where,
            DigestingInputStream compressed,
            InputStream tar,
            DigestingInputStream uncompressed,
            Optional<Digest> plainDiffId,
            InputStream decompressor)
            implements Opened {
        @Override
        public long compressedCount() {
            return compressed.count();
        }

        @Override
        public long uncompressedCount() {
            return uncompressed == null ? compressed.count() : uncompressed.count();
        }

        @Override
        public Digest finish() throws IOException {
            if (uncompressed != null) {
                uncompressed.drain();
            } else {
                tar.transferTo(OutputStream.nullOutputStream());
            }
            compressed.drain();
            DigestingInputStream d = uncompressed == null ? compressed : uncompressed;
            if (plainDiffId.isPresent() && !plainDiffId.get().equals(d.digest())) {
                throw new DigestMismatchException(where, plainDiffId.get(), d.digest(), -1, d.count());
            }
            return d.digest();
        }

        @Override
        public void close() throws IOException {
            try {
                tar.close(); // stops a read-ahead, which leaves its source open
            } finally {
                if (decompressor != null) {
                    decompressor.close();
                }
            }
        }
    }

    /** Turns a decompressor's failure into one line naming the file and the codec. */
    private static final class CodecErrors extends FilterInputStream {
        private final String prefix;

        CodecErrors(InputStream in, String prefix) {
            super(in);
            this.prefix = prefix;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (BadInputException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new UnpackException(prefix + LayerApplier.reason(e), e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (BadInputException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new UnpackException(prefix + LayerApplier.reason(e), e);
            }
        }
    }
}
