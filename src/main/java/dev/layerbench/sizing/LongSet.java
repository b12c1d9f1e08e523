package dev.layerbench.sizing;

/**
 * A set of 64-bit ids (chunk ids) without boxing: open addressing, linear probing, grown at half load. Sizing keeps
 * one entry per distinct chunk, so memory grows with distinct content, not with images or containers.
 */
final class LongSet {

    private static final long EMPTY = 0;
    private long[] slots = new long[1 << 10];
    private int size;
    private boolean hasZero;

    /** Adds {@code id}; true when it was not there. */
    boolean add(long id) {
        if (id == EMPTY) {
            boolean added = !hasZero;
            hasZero = true;
            if (added) {
                size++;
            }
            return added;
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = mix(id) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == id) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = id;
        size++;
        return true;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long id : old) {
            if (id != EMPTY) {
                int i = mix(id) & mask;
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = id;
            }
        }
    }

    private static int mix(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
