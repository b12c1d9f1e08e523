package dev.layerbench.results;

import java.util.Objects;

/**
 * How two runs are compared.
 *
 * @param threshold     the slow-down that makes a regression, as a fraction of the time per operation (0.10 = 10%)
 * @param normalization whether scores are divided by the calibration benchmark's machine-speed factor
 */
public record CompareOptions(double threshold, Normalization normalization) {

    /** The default threshold of {@code compare}; see results/README.md for how it was chosen. */
    public static final double DEFAULT_THRESHOLD = 0.10;

    public enum Normalization {
        /** Normalize when both runs have a calibration result in common, else compare raw scores. */
        AUTO,
        /** Normalize; fail when the runs have no calibration result in common. */
        ON,
        /** Compare raw scores. */
        OFF
    }

    public CompareOptions {
        Objects.requireNonNull(normalization, "normalization");
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException(
                    "threshold must be a positive fraction, e.g. 0.10 for 10%: " + threshold);
        }
    }

    public static CompareOptions defaults() {
        return new CompareOptions(DEFAULT_THRESHOLD, Normalization.AUTO);
    }
}
