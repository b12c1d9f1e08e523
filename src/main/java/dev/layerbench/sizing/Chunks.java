package dev.layerbench.sizing;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A file's content-defined chunks: a 64-bit id (the first 8 bytes of the chunk's SHA-256) and a length each.
 * Text form, as in the summary CSV: {@code id:length} separated by spaces, ids in 16 hex digits.
 */
public record Chunks(long[] ids, int[] lengths) {

    public static final Chunks NONE = new Chunks(new long[0], new int[0]);

    public Chunks {
        if (ids == null || lengths == null || ids.length != lengths.length) {
            throw new IllegalArgumentException("chunks need as many lengths as ids");
        }
    }

    public int count() {
        return ids.length;
    }

    public long totalLength() {
        long total = 0;
        for (int l : lengths) {
            total += l;
        }
        return total;
    }

    public String format() {
        StringBuilder b = new StringBuilder(count() * 24);
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(hex.toHexDigits(ids[i])).append(':').append(lengths[i]);
        }
        return b.toString();
    }

    /** Parses {@link #format()}'s text; {@code where} names the source in the one-line error. */
    public static Chunks parse(String text, String where) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        String[] parts = text.trim().split(" ");
        long[] ids = new long[parts.length];
        int[] lengths = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            int colon = parts[i].indexOf(':');
            try {
                if (colon != 16) {
                    throw new NumberFormatException("expected 16 hex digits, a colon and a length");
                }
                ids[i] = HexFormat.fromHexDigitsToLong(parts[i], 0, 16);
                lengths[i] = Integer.parseInt(parts[i], colon + 1, parts[i].length(), 10);
                if (lengths[i] <= 0) {
                    throw new NumberFormatException("length must be positive");
                }
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException(where + ": bad chunk \"" + parts[i] + "\": " + e.getMessage());
            }
        }
        return new Chunks(ids, lengths);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chunks c && Arrays.equals(ids, c.ids) && Arrays.equals(lengths, c.lengths);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(lengths);
    }

    @Override
    public String toString() {
        return "Chunks[" + count() + " chunks, " + totalLength() + " bytes]";
    }
}
