package dev.layerbench.dataset;

import dev.layerbench.tar.Content;
import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;

/**
 * The bytes of one synthetic file, a pure function of a content key, a size and a compressibility: in 64-byte chunks,
 * each chunk either copied from a fixed 4 KiB dictionary (compressible) or random (incompressible). Two files with the
 * same key and size are byte-identical, which is how duplicated content is made.
 */
record SyntheticContent(long key, long size, double compressibility) implements Content {

    private static final int CHUNK = 64;
    private static final byte[] DICTIONARY = dictionary();

    @Override
    public void writeTo(OutputStream out) throws IOException {
        SplittableRandom rng = new SplittableRandom(key);
        long threshold = (long) (compressibility * (1L << 53));
        byte[] buffer = new byte[32 * 1024];
        int fill = 0;
        for (long left = size; left > 0; ) {
            int n = (int) Math.min(CHUNK, left);
            if ((rng.nextLong() >>> 11) < threshold) {
                int offset = rng.nextInt(DICTIONARY.length - CHUNK);
                System.arraycopy(DICTIONARY, offset, buffer, fill, n);
            } else {
                for (int i = 0; i < n; i += 8) {
                    long v = rng.nextLong();
                    for (int j = 0; j < 8 && i + j < n; j++) {
                        buffer[fill + i + j] = (byte) (v >>> (8 * j));
                    }
                }
            }
            fill += n;
            left -= n;
            if (fill + CHUNK > buffer.length || left == 0) {
                out.write(buffer, 0, fill);
                fill = 0;
            }
        }
    }

    /** Text-like bytes: words from a small alphabet, so that gzip and zstd find repeats. */
    private static byte[] dictionary() {
        SplittableRandom rng = new SplittableRandom(0x1a7e5bec4L);
        byte[] d = new byte[4096];
        String letters = "etaoinshrdlucmfwypvbgkjqxz_/.";
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextInt(7) == 0 ? (byte) ' ' : (byte) letters.charAt(rng.nextInt(letters.length()));
        }
        return d;
    }
}
