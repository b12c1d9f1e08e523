package dev.layerbench.dataset;

import java.io.PrintWriter;

/** Where a build says what it is doing: a line per step, with the time since the build started. */
@FunctionalInterface
public interface Progress {

    /** Says nothing. */
    Progress NONE = message -> {};

    void step(String message);

    /** Prints {@code [  12s] message} lines to {@code out}. */
    static Progress to(PrintWriter out) {
        long start = System.nanoTime();
        return message -> {
            out.printf("[%4ds] %s%n", (System.nanoTime() - start) / 1_000_000_000L, message);
            out.flush();
        };
    }
}
