package dev.layerbench.results;

/** What one comparison says, direction-aware: faster and slower are about speed whatever the JMH mode. */
public enum Verdict {
    /** Faster by more than the threshold, or by more than the uncertainty. */
    FASTER("faster"),
    /** Within the threshold and within the uncertainty. */
    SAME("same"),
    /** Slower by more than the uncertainty but not by more than the threshold. */
    SLOWER("slower"),
    /** Slower by more than the threshold: fails {@code compare} and the CI gate. */
    REGRESSION("REGRESSION"),
    /** A benchmark the base does not have (added since): listed by the gate, not compared. */
    NEW("new: no base"),
    /** A calibration result: it sets the normalization and is never a regression itself. */
    CALIBRATION("calibration");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The verdict for a speed-up (current speed over baseline speed, above 1 faster) measured with a relative
     * uncertainty (NaN when unknown). {@code threshold} 0.10 means a result may take up to 10% more time per operation
     * (or do 1/1.1 of the operations per second) before it is a regression.
     */
    public static Verdict of(double speedup, double relativeUncertainty, double threshold) {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold must be positive: " + threshold);
        }
        if (speedup < 1 / (1 + threshold)) {
            return REGRESSION;
        }
        if (speedup > 1 + threshold) {
            return FASTER;
        }
        boolean beyondNoise = Double.isFinite(relativeUncertainty) && Math.abs(Math.log(speedup)) > relativeUncertainty;
        if (!beyondNoise) {
            return SAME;
        }
        return speedup > 1 ? FASTER : SLOWER;
    }
}
