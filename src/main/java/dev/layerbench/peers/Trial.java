package dev.layerbench.peers;

/**
 * One run of one side: does the work and returns how many nanoseconds its timed part took. What must not be timed
 * (a fresh target directory, a mount, deleting the result) happens in the run, outside the timed part.
 */
@FunctionalInterface
public interface Trial {

    long run() throws Exception;

    /** A step of a trial that may fail. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** {@code before} untimed, {@code timed} timed with {@code System.nanoTime}, {@code after} untimed (always). */
    static Trial of(Step before, Step timed, Step after) {
        return () -> {
            before.run();
            try {
                long start = System.nanoTime();
                timed.run();
                return System.nanoTime() - start;
            } finally {
                after.run();
            }
        };
    }

    /** Only a timed part. */
    static Trial timed(Step timed) {
        return of(() -> {}, timed, () -> {});
    }

    /** {@code repetitions} calls timed together, reported per call (for operations of a few nanoseconds). */
    static Trial perCall(int repetitions, Step call) {
        return () -> {
            long start = System.nanoTime();
            for (int i = 0; i < repetitions; i++) {
                call.run();
            }
            return (System.nanoTime() - start) / repetitions;
        };
    }
}
