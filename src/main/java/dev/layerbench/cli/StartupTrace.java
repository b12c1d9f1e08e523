package dev.layerbench.cli;

/**
 * With {@code LAYERBENCH_STARTUP} set, one stderr line per step of a tool's start: milliseconds since {@link Main}
 * was entered (the JVM's own start before it is the whole command's time minus the last mark). Nothing is printed
 * otherwise. Used to find where start-up goes (results/startup/README.md).
 */
final class StartupTrace {

    private static final boolean ON = System.getenv("LAYERBENCH_STARTUP") != null;
    private static final long ENTERED = System.nanoTime();

    private StartupTrace() {}

    /** Prints a step when tracing is on. */
    static void mark(String step) {
        if (ON) {
            long micros = (System.nanoTime() - ENTERED) / 1000;
            System.err.println("startup: " + micros / 1000 + "." + micros / 100 % 10 + " ms since main: " + step);
        }
    }
}
