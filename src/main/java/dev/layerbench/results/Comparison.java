package dev.layerbench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Two runs compared result by result, matched by benchmark, mode and parameters ({@link BenchmarkKey}).
 *
 * @param baseline       the earlier run
 * @param current        the run under test
 * @param options        threshold and normalization asked for
 * @param calibration    the machine-speed factor applied, empty when scores are compared raw
 * @param rows           one per result both runs have, in key order
 * @param onlyInBaseline results the current run lacks
 * @param onlyInCurrent  results new in the current run
 * @param incomparable   results in both whose units are of different kinds
 */
public record Comparison(
        ResultsFile baseline,
        ResultsFile current,
        CompareOptions options,
        Optional<Calibration.Factor> calibration,
        List<Row> rows,
        List<BenchmarkKey> onlyInBaseline,
        List<BenchmarkKey> onlyInCurrent,
        List<BenchmarkKey> incomparable) {

    /**
     * One matched result.
     *
     * @param key        what was measured
     * @param baseline   the baseline's compared figure ({@link BenchmarkResult#compared()}: the score, or the median
     *                   in sample mode)
     * @param current    the current one, in the baseline's unit, not normalized
     * @param ratio      current score over baseline score, after normalization when it applies
     * @param ratioError uncertainty of the ratio relative to it (0.05 = ±5%), NaN when unknown
     * @param speedup    how many times faster the current run is (direction-aware, normalized)
     * @param verdict    faster, same, slower, regression, or calibration
     */
    public record Row(
            BenchmarkKey key,
            Metric baseline,
            Metric current,
            double ratio,
            double ratioError,
            double speedup,
            Verdict verdict) {}

    public Comparison {
        rows = List.copyOf(rows);
        onlyInBaseline = List.copyOf(onlyInBaseline);
        onlyInCurrent = List.copyOf(onlyInCurrent);
        incomparable = List.copyOf(incomparable);
    }

    /** Compares two runs; fails when they have no result in common or normalization is asked for but impossible. */
    public static Comparison of(ResultsFile baseline, ResultsFile current, CompareOptions options)
            throws ResultsException {
        Optional<Calibration.Factor> factor = switch (options.normalization()) {
            case OFF -> Optional.empty();
            case AUTO -> Calibration.between(baseline, current);
            case ON ->
                Optional.of(Calibration.between(baseline, current)
                        .orElseThrow(() -> new ResultsException("cannot normalize: " + baseline.path() + " and "
                                + current.path() + " have no " + Calibration.CLASS_NAME
                                + " result in common (run it in both, or use --no-normalize)")));
        };
        List<Row> rows = new ArrayList<>();
        List<BenchmarkKey> onlyInBaseline = new ArrayList<>();
        List<BenchmarkKey> incomparable = new ArrayList<>();
        for (BenchmarkResult b : baseline.results()) {
            Optional<BenchmarkResult> c = current.get(b.key());
            if (c.isEmpty()) {
                onlyInBaseline.add(b.key());
                continue;
            }
            OptionalDouble unit =
                    Units.factor(c.get().compared().unit(), b.compared().unit());
            if (unit.isEmpty()) {
                incomparable.add(b.key());
                continue;
            }
            rows.add(row(
                    b,
                    c.get().compared().scaled(unit.getAsDouble(), b.compared().unit()),
                    factor,
                    options));
        }
        List<BenchmarkKey> onlyInCurrent = current.results().stream()
                .map(BenchmarkResult::key)
                .filter(k -> baseline.get(k).isEmpty())
                .toList();
        if (rows.isEmpty()) {
            throw new ResultsException(baseline.path() + " and " + current.path()
                    + ": no result in common (same benchmark, mode and params); nothing to compare");
        }
        rows.sort((x, y) -> x.key().compareTo(y.key()));
        return new Comparison(baseline, current, options, factor, rows, onlyInBaseline, onlyInCurrent, incomparable);
    }

    private static Row row(
            BenchmarkResult b, Metric current, Optional<Calibration.Factor> factor, CompareOptions options) {
        Metric base = b.compared();
        Direction direction = b.key().direction();
        double eb = base.relativeError();
        double ec = current.relativeError();
        double variance = eb * eb + ec * ec;
        double speedup = direction.speedup(current.score() / base.score());
        if (factor.isPresent() && !b.isCalibration()) {
            speedup /= factor.get().speed();
            double ef = factor.get().relativeError();
            variance += ef * ef;
        }
        double ratio = direction == Direction.HIGHER_IS_BETTER ? speedup : 1 / speedup;
        double error = Math.sqrt(variance);
        Verdict verdict = b.isCalibration() ? Verdict.CALIBRATION : Verdict.of(speedup, error, options.threshold());
        return new Row(b.key(), base, current, ratio, error, speedup, verdict);
    }

    /** Rows that regressed beyond the threshold. */
    public List<Row> regressions() {
        return rows.stream().filter(r -> r.verdict() == Verdict.REGRESSION).toList();
    }

    public boolean hasRegression() {
        return !regressions().isEmpty();
    }
}
