package dev.layerbench.unpack;

import java.util.concurrent.atomic.AtomicLong;

/** Compressed bytes consumed so far out of a total, updated by the unpacker and read by a progress display. */
public final class Progress {

    /** Reports nowhere. */
    public static final Progress NONE = new Progress();

    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong();

    public long done() {
        return done.get();
    }

    public long total() {
        return total.get();
    }

    void addTotal(long bytes) {
        if (this != NONE) {
            total.addAndGet(bytes);
        }
    }

    void set(long bytes) {
        if (this != NONE) {
            done.set(bytes);
        }
    }
}
