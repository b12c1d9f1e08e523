package dev.layerbench.dataset;

/**
 * How {@link Datasets#build} goes about it.
 *
 * @param rebuild  build again even when the target holds a complete build (and, for real datasets, re-run every
 *                 debootstrap and apt step instead of using the step cache)
 * @param progress where steps are reported
 */
public record BuildOptions(boolean rebuild, Progress progress) {

    public BuildOptions {
        progress = progress == null ? Progress.NONE : progress;
    }

    /** Reuse a complete build, say nothing. */
    public static BuildOptions quiet() {
        return new BuildOptions(false, Progress.NONE);
    }

    public static BuildOptions reporting(Progress progress) {
        return new BuildOptions(false, progress);
    }

    public BuildOptions rebuilding() {
        return new BuildOptions(true, progress);
    }
}
