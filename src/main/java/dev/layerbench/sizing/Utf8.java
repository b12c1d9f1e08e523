package dev.layerbench.sizing;

/** UTF-8 lengths of strings without encoding them (what {@code getBytes(UTF_8).length} gives, with no copy). */
final class Utf8 {

    private Utf8() {}

    /** Bytes of {@code s} in UTF-8 (an unpaired surrogate as the one {@code ?} the encoder writes). */
    static int length(String s) {
        return length(s, 0, s.length());
    }

    /** Bytes of {@code s[from, to)} in UTF-8. */
    static int length(String s, int from, int to) {
        int n = to - from;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    n++;
                } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                    n += 2; // 4 bytes for the pair's 2 chars
                    i++;
                } else if (Character.isSurrogate(c)) {
                    // unpaired: the encoder writes '?', 1 byte
                } else {
                    n += 2;
                }
            }
        }
        return n;
    }
}
