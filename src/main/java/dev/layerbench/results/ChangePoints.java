package dev.layerbench.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Step changes in a benchmark's history: E-Divisive means (Matteson and James, JASA 2014) with the significance of
 * each candidate split decided by Welch's t-test between the two sides, as Apache Otava (formerly Hunter, MongoDB's
 * change-point detector) does instead of E-Divisive's permutation test, which is slow and not deterministic.
 *
 * <p>The series is split where the energy statistic (between-segment distances against within-segment distances,
 * weighted by the segment sizes) is largest; the split is kept when the t-test between the two sides gives
 * {@code p < pValue}, and each side is searched again. Splits leave at least {@code minSegment} points on each side.
 *
 * @param pValue     the significance a step must reach, e.g. 0.001
 * @param minSegment the fewest points a segment may have, at least 2
 */
public record ChangePoints(double pValue, int minSegment) {

    public static final ChangePoints DEFAULT = new ChangePoints(0.001, 4);

    public ChangePoints {
        if (!(pValue > 0 && pValue < 1) || minSegment < 2) {
            throw new IllegalArgumentException("pValue in (0, 1) and minSegment >= 2: " + pValue + ", " + minSegment);
        }
    }

    /** A step: the first index of the new level, the means before and after (within the segment), and its p-value. */
    public record Step(int index, double before, double after, double pValue) {

        /** {@code after / before - 1}: +0.2 is a 20% rise. */
        public double change() {
            return after / before - 1;
        }
    }

    /** The steps found in {@code series}, by index. */
    public List<Step> find(double[] series) {
        List<Step> found = new ArrayList<>();
        split(series, 0, series.length, found);
        found.sort((a, b) -> Integer.compare(a.index(), b.index()));
        // Re-test each split against its neighbouring splits only, dropping the weakest that no longer passes, until
        // all pass (Otava's second pass): a split found early in a long segment may not survive its neighbours.
        while (!found.isEmpty()) {
            int weakest = -1;
            double worst = pValue;
            for (int i = 0; i < found.size(); i++) {
                int from = i == 0 ? 0 : found.get(i - 1).index();
                int to = i + 1 < found.size() ? found.get(i + 1).index() : series.length;
                double p = welchP(series, from, found.get(i).index(), to);
                if (p >= worst) {
                    worst = p;
                    weakest = i;
                }
            }
            if (weakest < 0) {
                break;
            }
            found.remove(weakest);
        }
        // before and after: the means of the neighbouring segments of the final segmentation
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            int from = i == 0 ? 0 : found.get(i - 1).index();
            int at = found.get(i).index();
            int to = i + 1 < found.size() ? found.get(i + 1).index() : series.length;
            out.add(new Step(
                    at,
                    mean(series, from, at),
                    mean(series, at, to),
                    found.get(i).pValue()));
        }
        return out;
    }

    private void split(double[] x, int from, int to, List<Step> out) {
        int n = to - from;
        if (n < 2 * minSegment) {
            return;
        }
        int best = -1;
        double bestQ = Double.NEGATIVE_INFINITY;
        for (int tau = from + minSegment; tau <= to - minSegment; tau++) {
            double q = energy(x, from, tau, to);
            if (q > bestQ) {
                bestQ = q;
                best = tau;
            }
        }
        double p = welchP(x, from, best, to);
        if (p < pValue) {
            out.add(new Step(best, mean(x, from, best), mean(x, best, to), p));
            split(x, from, best, out);
            split(x, best, to, out);
        }
    }

    /** The E-Divisive statistic (alpha = 1) for splitting {@code [from, to)} at {@code tau}. */
    static double energy(double[] x, int from, int tau, int to) {
        int m = tau - from;
        int k = to - tau;
        double between = 0;
        for (int i = from; i < tau; i++) {
            for (int j = tau; j < to; j++) {
                between += Math.abs(x[i] - x[j]);
            }
        }
        double left = within(x, from, tau);
        double right = within(x, tau, to);
        double e = 2.0 * between / (m * (double) k) - left / pairs(m) - right / pairs(k);
        return (m * (double) k) / (m + k) * e;
    }

    private static double within(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            for (int j = i + 1; j < to; j++) {
                s += Math.abs(x[i] - x[j]);
            }
        }
        return s;
    }

    private static double pairs(int n) {
        return n < 2 ? 1 : n * (n - 1) / 2.0;
    }

    /** The two-sided p-value of Welch's t-test between {@code [from, tau)} and {@code [tau, to)}. */
    static double welchP(double[] x, int from, int tau, int to) {
        double[] a = Arrays.copyOfRange(x, from, tau);
        double[] b = Arrays.copyOfRange(x, tau, to);
        double ma = mean(a, 0, a.length);
        double mb = mean(b, 0, b.length);
        double va = variance(a, ma) / a.length;
        double vb = variance(b, mb) / b.length;
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            return ma == mb ? 1 : 0;
        }
        double t = Math.abs(ma - mb) / se;
        double df =
                (va + vb) * (va + vb) / ((va * va) / Math.max(1, a.length - 1) + (vb * vb) / Math.max(1, b.length - 1));
        if (!(df > 0) || !Double.isFinite(df)) {
            df = a.length + b.length - 2;
        }
        return 2 * (1 - new TDistribution(df).cumulativeProbability(t));
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }

    private static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return x.length < 2 ? 0 : s / (x.length - 1);
    }
}
