package dev.layerbench.results;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * One metric of one result: JMH's score, its error (the half-width of JMH's 99.9% confidence interval, NaN when JMH
 * could not compute one), the unit, the raw per-iteration samples by fork when the file has them, and JMH's score
 * percentiles (percent to value, e.g. 50.0 to the median) when it wrote them.
 */
public record Metric(
        double score,
        double scoreError,
        String unit,
        List<List<Double>> rawData,
        SortedMap<Double, Double> percentiles) {

    /** JMH's confidence level for {@code scoreError}. */
    public static final double CONFIDENCE = 0.999;

    public Metric {
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score is not a finite number: " + score);
        }
        rawData =
                rawData == null ? List.of() : rawData.stream().map(List::copyOf).toList();
        percentiles = Collections.unmodifiableSortedMap(new TreeMap<>(percentiles == null ? Map.of() : percentiles));
    }

    public Metric(double score, double scoreError, String unit, List<List<Double>> rawData) {
        this(score, scoreError, unit, rawData, null);
    }

    /** Every raw sample, all forks together. */
    public List<Double> samples() {
        return rawData.stream().flatMap(List::stream).toList();
    }

    /**
     * The error half-width: JMH's {@code scoreError} when it is a number, else the same 99.9% Student-t interval
     * computed from the raw samples when there are at least two, else NaN (unknown).
     */
    public double error() {
        if (Double.isFinite(scoreError)) {
            return scoreError;
        }
        List<Double> s = samples();
        int n = s.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mean = s.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = s.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        double sd = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        return t * sd / Math.sqrt(n);
    }

    /** {@link #error()} relative to the score (0.05 = 5%); NaN when unknown. */
    public double relativeError() {
        double e = error();
        return score == 0 ? Double.NaN : Math.abs(e / score);
    }

    /** This metric with score, error and samples multiplied by {@code factor}, in {@code newUnit}. */
    public Metric scaled(double factor, String newUnit) {
        List<List<Double>> raw = rawData.stream()
                .map(f -> f.stream().map(x -> x * factor).toList())
                .toList();
        SortedMap<Double, Double> p = new TreeMap<>();
        percentiles.forEach((k, v) -> p.put(k, v * factor));
        return new Metric(score * factor, scoreError * Math.abs(factor), newUnit, raw, p);
    }
}
