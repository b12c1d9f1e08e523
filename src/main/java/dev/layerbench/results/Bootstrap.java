package dev.layerbench.results;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The hierarchical bootstrap of a ratio of two benchmarks' locations, forks resampled first and iterations within
 * each resampled fork second (Kalibera and Jones, ISMM 2013; the method Laaber et al., EMSE 2019, apply to cloud
 * runs). The location of a side is the mean of its forks' medians ({@link ForkSamples#location()}). Seeded, so the
 * same samples give the same interval.
 *
 * @param resamples how many bootstrap resamples (2,000 gives percentile bounds stable to about a tenth of a percent)
 * @param seed      the random seed
 */
public record Bootstrap(int resamples, long seed) {

    public Bootstrap {
        if (resamples < 100) {
            throw new IllegalArgumentException("at least 100 resamples: " + resamples);
        }
    }

    /**
     * The ratio {@code current / base} of the two locations, with its two-sided {@code confidence} percentile interval
     * and the standard error of its logarithm over the resamples.
     */
    public record Ratio(double ratio, double low, double high, double logStandardError) {}

    public Ratio ratio(ForkSamples base, ForkSamples current, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
        }
        double[][] b = arrays(base.forks());
        double[][] c = arrays(current.forks());
        SplittableRandom random = new SplittableRandom(seed);
        double[] logs = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            logs[i] = Math.log(resample(c, random) / resample(b, random));
        }
        Arrays.sort(logs);
        double mean = Arrays.stream(logs).average().orElseThrow();
        double var = Arrays.stream(logs).map(x -> (x - mean) * (x - mean)).sum() / (resamples - 1);
        double tail = (1 - confidence) / 2;
        return new Ratio(
                current.location() / base.location(),
                Math.exp(quantile(logs, tail)),
                Math.exp(quantile(logs, 1 - tail)),
                Math.sqrt(var));
    }

    private static double[][] arrays(List<List<Double>> forks) {
        return forks.stream()
                .map(f -> f.stream().mapToDouble(Double::doubleValue).toArray())
                .toArray(double[][]::new);
    }

    /** One resampled location: forks with replacement, then iterations with replacement within each. */
    private static double resample(double[][] forks, SplittableRandom random) {
        double sum = 0;
        for (int i = 0; i < forks.length; i++) {
            double[] fork = forks[random.nextInt(forks.length)];
            double[] draw = new double[fork.length];
            for (int j = 0; j < draw.length; j++) {
                draw[j] = fork[random.nextInt(fork.length)];
            }
            sum += median(draw);
        }
        return sum / forks.length;
    }

    /** The median of {@code values} (sorted in place). */
    static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** The {@code p} quantile of sorted values, linearly interpolated. */
    static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
