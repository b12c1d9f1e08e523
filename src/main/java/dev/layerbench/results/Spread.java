package dev.layerbench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How much repeated runs of unchanged code differ, result by result: the noise a regression threshold must clear.
 * Scores of every run after the first are normalized to the first run's machine by the calibration factor when all
 * runs have a calibration result (or as asked).
 *
 * @param runs    the runs, first one the reference
 * @param rows    one per result all runs have, in key order
 * @param factors calibration factor of each run against the first (1 when not normalized)
 */
public record Spread(List<ResultsFile> runs, List<Row> rows, List<Double> factors, boolean normalized) {

    /** Rule for a threshold from the spread: twice the largest spread, at least 10%, rounded up to 5%. */
    public static final double MARGIN = 2.0;

    public static final double FLOOR = 0.10;

    /**
     * @param key    the result
     * @param scores its (normalized) score in each run, in the first run's unit
     * @param unit   the first run's unit
     */
    public record Row(BenchmarkKey key, List<Double> scores, String unit) {
        public double mean() {
            return scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }

        public double min() {
            return scores.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        }

        public double max() {
            return scores.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }

        /** (max - min) / min of speed: the largest slow-down between any two runs, as a fraction. */
        public double spread() {
            return max() / min() - 1;
        }

        /** Coefficient of variation: sample standard deviation over mean. */
        public double cv() {
            double m = mean();
            double ss = scores.stream().mapToDouble(x -> (x - m) * (x - m)).sum();
            return Math.sqrt(ss / (scores.size() - 1)) / m;
        }
    }

    public static Spread of(List<ResultsFile> runs, CompareOptions.Normalization normalization)
            throws ResultsException {
        if (runs.size() < 2) {
            throw new ResultsException("--spread needs at least two results files of repeated runs");
        }
        ResultsFile first = runs.getFirst();
        boolean normalize = switch (normalization) {
            case OFF -> false;
            case ON -> true;
            case AUTO ->
                runs.stream().allMatch(r -> Calibration.between(first, r).isPresent());
        };
        List<Double> factors = new ArrayList<>();
        for (ResultsFile r : runs) {
            Optional<Calibration.Factor> f = normalize ? Calibration.between(first, r) : Optional.empty();
            if (normalize && f.isEmpty()) {
                throw new ResultsException("cannot normalize: " + r.path() + " has no " + Calibration.CLASS_NAME
                        + " result in common with " + first.path() + " (use --no-normalize)");
            }
            factors.add(f.map(Calibration.Factor::speed).orElse(1.0));
        }
        List<Row> rows = new ArrayList<>();
        for (BenchmarkResult b : first.results()) {
            List<Double> scores = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                Optional<BenchmarkResult> c = runs.get(i).get(b.key());
                OptionalDouble unit = c.isEmpty()
                        ? OptionalDouble.empty()
                        : Units.factor(c.get().compared().unit(), b.compared().unit());
                if (unit.isEmpty()) {
                    break;
                }
                double score = c.get().compared().score() * unit.getAsDouble();
                double f = b.isCalibration() ? 1 : factors.get(i);
                scores.add(b.key().direction() == Direction.HIGHER_IS_BETTER ? score / f : score * f);
            }
            if (scores.size() == runs.size()) {
                rows.add(new Row(b.key(), List.copyOf(scores), b.compared().unit()));
            }
        }
        if (rows.isEmpty()) {
            throw new ResultsException("the " + runs.size() + " results files have no result in common");
        }
        rows.sort((x, y) -> x.key().compareTo(y.key()));
        return new Spread(List.copyOf(runs), rows, List.copyOf(factors), normalize);
    }

    /** The largest spread among the non-calibration results (0 when there are only calibration results). */
    public double largest() {
        return rows.stream()
                .filter(r -> !Calibration.CLASS_NAME.equals(r.key().className()))
                .mapToDouble(Row::spread)
                .max()
                .orElse(0);
    }

    /** The threshold the rule gives: max(FLOOR, MARGIN x largest spread), rounded up to a multiple of 5%. */
    public double suggestedThreshold() {
        double t = Math.max(FLOOR, MARGIN * largest());
        return Math.ceil(t * 20 - 1e-9) / 20;
    }

    public String text(boolean markdown) {
        StringBuilder sb = new StringBuilder();
        sb.append(runs.size())
                .append(" runs, ")
                .append(
                        normalized
                                ? "normalized by " + Calibration.CLASS_NAME
                                        + " to the first run's machine (factors "
                                        + factors.stream()
                                                .map(f -> String.format(Locale.ROOT, "%.3f", f))
                                                .toList() + ")"
                                : "raw scores")
                .append("\n\n");
        Table t = new Table("BENCHMARK", "MODE", ">MEAN", ">MIN", ">MAX", "UNIT", ">SPREAD", ">CV");
        for (Row r : rows) {
            String p = r.key().params().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .reduce((a, b) -> a + " " + b)
                    .map(s -> " " + s)
                    .orElse("");
            t.add(
                    r.key().shortName() + p,
                    r.key().mode().equals("sample") ? "sample p50" : r.key().mode(),
                    Table.number(r.mean()),
                    Table.number(r.min()),
                    Table.number(r.max()),
                    r.unit(),
                    Table.percent(r.spread()),
                    Table.percent(r.cv()));
        }
        sb.append(markdown ? t.markdown() : t.text());
        sb.append(String.format(
                Locale.ROOT,
                "%nlargest spread (max/min - 1, calibration excluded): %s; "
                        + "suggested threshold (max(%.0f%%, %.0fx largest), rounded up to 5%%): %s%n",
                Table.percent(largest()),
                100 * FLOOR,
                MARGIN,
                Table.percent(suggestedThreshold())));
        return sb.toString();
    }
}
