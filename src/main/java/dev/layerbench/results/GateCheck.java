package dev.layerbench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The regression gate's decision for base and current runs made in one job, interleaved: per benchmark, the ratio of
 * the current location to the base's (time per operation, so above 1 is slower) with a hierarchical-bootstrap
 * confidence interval ({@link Bootstrap}), and its own minimum detectable effect.
 *
 * <p>The MDE is measured from the run itself: {@code exp((z(1-alpha/2) + z(power)) * SE) - 1}, with SE the bootstrap
 * standard error of the log ratio, the smallest slow-down this run's noise lets the test find with the given power.
 * A benchmark fails ({@link Verdict#REGRESSION}) only when the slow-down is significant (the whole interval above 1)
 * and larger than both its MDE and {@code floor}, the smallest slow-down the gate is there to stop: a quiet run of a
 * 120 ns lookup has an MDE near 2%, and a 2% change is not what a red CI is for. Significant
 * but within those is {@link Verdict#SLOWER}; an interval wholly below 1 is {@link Verdict#FASTER}; the rest is
 * {@link Verdict#SAME}.
 *
 * @param confidence the interval's two-sided confidence, e.g. 0.95
 * @param power      the power the MDE is stated for, e.g. 0.8
 * @param floor      the smallest slow-down that fails, e.g. 0.05 (half the 10% the gate must catch)
 * @param bootstrap  resamples and seed
 */
public record GateCheck(double confidence, double power, double floor, Bootstrap bootstrap) {

    public static final GateCheck DEFAULT = new GateCheck(0.95, 0.80, 0.05, new Bootstrap(2000, 42));

    public GateCheck {
        if (!(floor >= 0 && floor < 1)) {
            throw new IllegalArgumentException("floor must be in [0, 1): " + floor);
        }
        if (!(confidence > 0.5 && confidence < 1) || !(power > 0.5 && power < 1)) {
            throw new IllegalArgumentException(
                    "confidence and power must be in (0.5, 1): " + confidence + ", " + power);
        }
    }

    /** One benchmark's row. {@code ratio} etc. are current over base, time per operation. */
    public record Row(
            BenchmarkKey key,
            String unit,
            int baseForks,
            int currentForks,
            double base,
            double current,
            double ratio,
            double low,
            double high,
            double mde,
            Verdict verdict) {

        public String ratioText() {
            return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.3f", ratio);
        }

        public String intervalText() {
            return Double.isNaN(low) ? "-" : String.format(Locale.ROOT, "[%.3f, %.3f]", low, high);
        }

        public String mdeText() {
            return Double.isNaN(mde) ? "-" : String.format(Locale.ROOT, "%.1f%%", mde * 100);
        }
    }

    /**
     * Compares every benchmark. A benchmark the base jar does not have at all (added since the base) is listed as
     * {@link Verdict#NEW}, not compared; a parameter added since the base is left out of the matching when the current
     * run has one value of it (the base ran the one point the benchmark had), and its points are listed as new when it
     * has several (which of them the base's code did is unknown). Anything else on one side only fails with a one-line {@link ResultsException}
     * (the two jars ran different sets: never a silent pass), as does an empty side.
     */
    public List<Row> compare(Map<BenchmarkKey, ForkSamples> base, Map<BenchmarkKey, ForkSamples> current)
            throws ResultsException {
        if (base.isEmpty() || current.isEmpty()) {
            throw new ResultsException("no results on the " + (base.isEmpty() ? "base" : "current") + " side");
        }
        Set<String> baseBenchmarks = new TreeSet<>();
        base.keySet().forEach(k -> baseBenchmarks.add(k.benchmark()));
        Set<BenchmarkKey> unmatchedBase = new TreeSet<>(base.keySet());
        List<Row> rows = new ArrayList<>();
        List<BenchmarkKey> unmatchedCurrent = new ArrayList<>();
        Map<BenchmarkKey, BenchmarkKey> older = new java.util.HashMap<>();
        Map<BenchmarkKey, Integer> claims = new java.util.HashMap<>();
        for (BenchmarkKey key : current.keySet()) {
            BenchmarkKey b = base.containsKey(key) ? key : olderKey(key, base.keySet());
            if (b != null) {
                older.put(key, b);
                claims.merge(b, 1, Integer::sum);
            }
        }
        for (BenchmarkKey key : new TreeSet<>(current.keySet())) {
            BenchmarkKey b = older.get(key);
            if (b != null && claims.get(b) == 1 && unmatchedBase.remove(b)) {
                rows.add(row(base.get(b), current.get(key)));
            } else if (!baseBenchmarks.contains(key.benchmark())
                    || (b != null && !b.equals(key) && claims.get(b) > 1)) {
                // a new benchmark, or a new parameter with several values: which one the base ran is unknown
                if (b != null) {
                    unmatchedBase.remove(b);
                }
                ForkSamples c = current.get(key);
                rows.add(new Row(
                        key,
                        c.unit(),
                        0,
                        c.forks().size(),
                        Double.NaN,
                        c.location(),
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Verdict.NEW));
            } else {
                unmatchedCurrent.add(key);
            }
        }
        if (!unmatchedBase.isEmpty() || !unmatchedCurrent.isEmpty()) {
            BenchmarkKey k = !unmatchedBase.isEmpty() ? unmatchedBase.iterator().next() : unmatchedCurrent.getFirst();
            throw new ResultsException(k.label() + " is only on the " + (unmatchedBase.isEmpty() ? "current" : "base")
                    + " side (" + (unmatchedBase.size() + unmatchedCurrent.size())
                    + " benchmark(s) unmatched): both jars must run the same set");
        }
        return rows;
    }

    /**
     * The base's key for {@code key} when the current benchmark has parameters the base's never had: the one base key
     * of the same benchmark and mode whose parameters all appear in {@code key} with the same values; null if none or
     * several.
     */
    static BenchmarkKey olderKey(BenchmarkKey key, Set<BenchmarkKey> base) {
        Set<String> baseParams = new TreeSet<>();
        base.stream()
                .filter(b -> b.benchmark().equals(key.benchmark()))
                .forEach(b -> baseParams.addAll(b.params().keySet()));
        if (baseParams.containsAll(key.params().keySet())) {
            return null; // no parameter was added
        }
        List<BenchmarkKey> found = base.stream()
                .filter(b -> b.benchmark().equals(key.benchmark()) && b.mode().equals(key.mode()))
                .filter(b -> b.params().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(key.params().get(e.getKey()))))
                .toList();
        return found.size() == 1 ? found.getFirst() : null;
    }

    Row row(ForkSamples base, ForkSamples current) throws ResultsException {
        if (!base.unit().equals(current.unit())) {
            throw new ResultsException(
                    base.key().label() + ": units differ (" + base.unit() + " vs " + current.unit() + ")");
        }
        Bootstrap.Ratio r = bootstrap.ratio(base, current, confidence);
        double z = normalQuantile(1 - (1 - confidence) / 2) + normalQuantile(power);
        double mde = Math.expm1(z * r.logStandardError());
        Verdict v;
        if (r.low() > 1) {
            v = r.ratio() - 1 > Math.max(mde, floor) ? Verdict.REGRESSION : Verdict.SLOWER;
        } else if (r.high() < 1) {
            v = Verdict.FASTER;
        } else {
            v = Verdict.SAME;
        }
        return new Row(
                base.key(),
                base.unit(),
                base.forks().size(),
                current.forks().size(),
                base.location(),
                current.location(),
                r.ratio(),
                r.low(),
                r.high(),
                mde,
                v);
    }

    /** The standard normal quantile (commons-math). */
    static double normalQuantile(double p) {
        return new org.apache.commons.math3.distribution.NormalDistribution().inverseCumulativeProbability(p);
    }
}
