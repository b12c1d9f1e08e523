package dev.layerbench.tar;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** The bytes of a regular file entry, produced on demand so that large layers need not sit in memory. */
public interface Content {

    /** No bytes. */
    Content EMPTY = of(new byte[0]);

    /** How many bytes {@link #writeTo} writes. */
    long size();

    /** Writes exactly {@link #size()} bytes. */
    void writeTo(OutputStream out) throws IOException;

    /** Content held in memory (copied). */
    static Content of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new Content() {
            @Override
            public long size() {
                return copy.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(copy);
            }
        };
    }

    /** A file's bytes, read when written; fails if the file no longer has {@code size} bytes then. */
    static Content ofFile(java.nio.file.Path file, long size) {
        return new Content() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
                    long n = in.transferTo(out);
                    if (n != size) {
                        throw new IOException(
                                file + ": changed while being written (" + n + " bytes, expected " + size + ")");
                    }
                }
            }
        };
    }

    /** {@code size} zero bytes: a file that looks sparse to tools that detect holes, though tar stores every byte. */
    static Content zeros(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        return new Content() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                byte[] block = new byte[(int) Math.min(size, 64 * 1024)];
                Arrays.fill(block, (byte) 0);
                for (long left = size; left > 0; ) {
                    int n = (int) Math.min(left, block.length);
                    out.write(block, 0, n);
                    left -= n;
                }
            }
        };
    }
}
