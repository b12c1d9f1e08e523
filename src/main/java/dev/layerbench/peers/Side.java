package dev.layerbench.peers;

/**
 * One side of a comparison: who ran, how (whole process or steady state), the exact command or call, and its runs
 * (absent when the side could not run: see the comparison's note).
 */
public record Side(String name, Kind kind, String command, Stats stats) {

    /** How a side is timed. */
    public enum Kind {
        /** A new process per run, start-up included (for the project: the JVM's). */
        PROCESS("whole process"),
        /** An in-process call, repeated warm, timed with {@code System.nanoTime} around the call. */
        STEADY("steady state"),
        /** A small native program timing the system calls itself ({@code clock_gettime} around them). */
        NATIVE("native, self-timed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Side {
        if (name == null || name.isBlank() || kind == null || command == null) {
            throw new IllegalArgumentException("a side needs a name, a kind and a command");
        }
    }

    public Side withStats(Stats s) {
        return new Side(name, kind, command, s);
    }
}
