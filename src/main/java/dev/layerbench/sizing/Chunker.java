package dev.layerbench.sizing;

import dev.layerbench.digest.Sha256;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.SplittableRandom;

/**
 * Content-defined chunking with a gear rolling hash and FastCDC's normalized chunking (Xia et al., "FastCDC: a Fast
 * and Efficient Content-Defined Chunking Approach for Data Deduplication", USENIX ATC 2016): a cut point where the
 * rolling hash has the mask's bits clear, a stricter mask before the average size and a looser one after, between
 * {@link #MIN_SIZE} and {@link #MAX_SIZE}. Fed while a file is read (same pass as its SHA-256); each chunk gets the
 * first 8 bytes of its own SHA-256 as id. Not thread-safe: one per file being read.
 */
public final class Chunker {

    /** Average chunk size the masks aim at: 16 KiB. */
    public static final int AVERAGE_SIZE = 16 * 1024;
    /** No cut before 4 KiB (FastCDC skips the hash there). */
    public static final int MIN_SIZE = 4 * 1024;
    /** Always a cut at 64 KiB. */
    public static final int MAX_SIZE = 64 * 1024;

    /** 14 bits for 16 KiB, plus and minus 2 bits of normalization (FastCDC level 2). */
    private static final long MASK_STRICT = mask(16);

    private static final long MASK_LOOSE = mask(12);
    private static final long[] GEAR = gear();

    private final MessageDigest digest = Sha256.newDigest();
    private long[] ids = new long[8];
    private int[] lengths = new int[8];
    private int count;
    private long hash;
    private int length;

    /** Feeds the next bytes of the file. */
    public void update(byte[] b, int off, int len) {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            length++;
            if (length <= MIN_SIZE) {
                if (length == MIN_SIZE) {
                    hash = 0;
                }
                continue;
            }
            hash = (hash << 1) + GEAR[b[i] & 0xff];
            boolean cut = length >= MAX_SIZE || (hash & (length < AVERAGE_SIZE ? MASK_STRICT : MASK_LOOSE)) == 0;
            if (cut) {
                digest.update(b, start, i + 1 - start);
                emit();
                start = i + 1;
            }
        }
        digest.update(b, start, end - start);
    }

    /** The chunks of everything fed, the last one cut at the end of the file. */
    public Chunks finish() {
        if (length > 0) {
            emit();
        }
        long[] i = java.util.Arrays.copyOf(ids, count);
        int[] l = java.util.Arrays.copyOf(lengths, count);
        count = 0;
        return new Chunks(i, l);
    }

    private void emit() {
        if (count == ids.length) {
            ids = java.util.Arrays.copyOf(ids, count * 2);
            lengths = java.util.Arrays.copyOf(lengths, count * 2);
        }
        ids[count] = ByteBuffer.wrap(digest.digest()).getLong();
        lengths[count] = length;
        count++;
        length = 0;
        hash = 0;
    }

    private static long mask(int bits) {
        // spread the bits over the upper half of the word, as FastCDC does, so the cut depends on the last 48+ bytes
        long m = 0;
        SplittableRandom r = new SplittableRandom(0x5eedL + bits);
        while (Long.bitCount(m) < bits) {
            m |= 1L << (16 + r.nextInt(48));
        }
        return m;
    }

    private static long[] gear() {
        SplittableRandom r = new SplittableRandom(0x6ea7L);
        long[] g = new long[256];
        for (int i = 0; i < g.length; i++) {
            g[i] = r.nextLong();
        }
        return g;
    }
}
