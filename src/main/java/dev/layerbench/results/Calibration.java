package dev.layerbench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The machine-speed factor between two runs, from the calibration benchmark ({@code CalibrationBench}: a fixed CPU
 * kernel and a fixed memory walk that no project change touches). A factor of 1.25 means the current run's machine
 * did the same fixed work 1.25 times as fast; dividing every speed-up by it removes machine drift.
 *
 * <p>Each run's calibration speed is its fastest measured iteration (the raw samples JMH writes), not the mean:
 * another process can only slow an iteration down, so the fastest one is the least disturbed estimate of what the
 * machine can do; without raw samples, the score is used.
 */
public final class Calibration {

    /** Simple name of the calibration benchmark class. */
    public static final String CLASS_NAME = "CalibrationBench";

    private Calibration() {}

    /**
     * @param speed         how many times faster the current machine ran the calibration (geometric mean over the
     *                      calibration results both runs have)
     * @param relativeError its uncertainty relative to {@code speed}; NaN when unknown
     * @param results       how many calibration results it was computed from
     */
    public record Factor(double speed, double relativeError, int results) {}

    /** The factor between two runs, or empty when they have no calibration result in common. */
    public static Optional<Factor> between(ResultsFile baseline, ResultsFile current) {
        List<Double> logs = new ArrayList<>();
        double variance = 0;
        for (BenchmarkResult b : baseline.results()) {
            if (!b.isCalibration()) {
                continue;
            }
            Optional<BenchmarkResult> c = current.get(b.key());
            if (c.isEmpty()) {
                continue;
            }
            OptionalDouble f =
                    Units.factor(c.get().primary().unit(), b.primary().unit());
            if (f.isEmpty()) {
                continue;
            }
            Direction d = b.key().direction();
            double ratio = best(c.get().primary(), d) * f.getAsDouble() / best(b.primary(), d);
            logs.add(Math.log(d.speedup(ratio)));
            double eb = b.primary().relativeError();
            double ec = c.get().primary().relativeError();
            variance += eb * eb + ec * ec;
        }
        if (logs.isEmpty()) {
            return Optional.empty();
        }
        double mean = logs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return Optional.of(new Factor(Math.exp(mean), Math.sqrt(variance) / logs.size(), logs.size()));
    }

    /** The fastest iteration: the highest throughput or the lowest time among the raw samples, else the score. */
    static double best(Metric m, Direction direction) {
        return m.samples().stream()
                .mapToDouble(Double::doubleValue)
                .reduce(direction == Direction.HIGHER_IS_BETTER ? Math::max : Math::min)
                .orElse(m.score());
    }
}
