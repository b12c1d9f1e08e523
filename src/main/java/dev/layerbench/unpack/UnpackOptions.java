package dev.layerbench.unpack;

import dev.layerbench.fs.FileCalls;
import dev.layerbench.fs.Posix;

/**
 * How to unpack.
 *
 * @param whiteouts what whiteout entries do: applied (flatten), or kept in one of the per-layer forms
 * @param owners    whether owners from the tar are applied (needs root) or only counted
 * @param writers   threads that create and write files beside the one that parses; 0 writes on the parsing thread,
 *                  which then also reads the layer itself (no read-ahead thread for the diff_id; a compressed layer
 *                  is still decompressed ahead on a thread of its own)
 * @param progress  where progress is reported, {@link Progress#NONE} for nowhere
 * @param calls     how entries are made: {@link FileCalls#POSIX} (the default: a descriptor per file, the fewest system
 *                  calls), or {@link FileCalls#JDK} for a job of a few files in a new JVM, where linking the native
 *                  calls costs more than they save (a file is then written, closed, and given its attributes by path;
 *                  device nodes, whiteouts kept as such and xattrs still go through {@code fs.Posix})
 */
public record UnpackOptions(Whiteouts whiteouts, Owners owners, int writers, Progress progress, FileCalls calls) {

    /** What whiteout entries do. */
    public enum Whiteouts {
        /** Remove what they name from the layers below (flattening). */
        APPLY,
        /** Keep them as overlayfs whiteouts: 0/0 character devices, {@code trusted.overlay.opaque=y}. */
        KEEP_OVERLAY,
        /** Keep them as the tar has them: {@code .wh.} files. */
        KEEP_OCI;

        static Whiteouts keep(WhiteoutForm form) {
            return form == WhiteoutForm.OVERLAY ? KEEP_OVERLAY : KEEP_OCI;
        }
    }

    /** Whether owners are set. */
    public enum Owners {
        /** lchown every entry to the tar's uid/gid. */
        APPLY,
        /** Leave files owned by this user; count the entries whose owner was not applied. */
        SKIP;

        /** {@link #APPLY} when running as root, else {@link #SKIP}. */
        public static Owners forThisProcess() {
            return Posix.isRoot() ? APPLY : SKIP;
        }
    }

    public UnpackOptions {
        if (whiteouts == null || owners == null || progress == null || calls == null) {
            throw new IllegalArgumentException("unpack options need whiteouts, owners, progress and calls");
        }
        if (writers < 0 || writers > 64) {
            throw new IllegalArgumentException("writer threads must be 0..64, got " + writers);
        }
    }

    /** The default writer count: one per core (the parsing thread shares them), at least one. */
    public static int defaultWriters() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Flattening defaults: whiteouts applied, owners applied when root, writers on every core. */
    public static UnpackOptions flatten() {
        return new UnpackOptions(
                Whiteouts.APPLY, Owners.forThisProcess(), defaultWriters(), Progress.NONE, FileCalls.POSIX);
    }

    /** Per-layer defaults: whiteouts kept in {@code form}. */
    public static UnpackOptions perLayer(WhiteoutForm form) {
        return new UnpackOptions(
                Whiteouts.keep(form), Owners.forThisProcess(), defaultWriters(), Progress.NONE, FileCalls.POSIX);
    }

    public UnpackOptions withOwners(Owners o) {
        return new UnpackOptions(whiteouts, o, writers, progress, calls);
    }

    public UnpackOptions withWriters(int n) {
        return new UnpackOptions(whiteouts, owners, n, progress, calls);
    }

    public UnpackOptions withProgress(Progress p) {
        return new UnpackOptions(whiteouts, owners, writers, p, calls);
    }

    /**
     * For a job of a few files: entries made through {@link FileCalls#JDK} on the parsing thread (no writer threads),
     * so that a new JVM links no native call for them.
     */
    public UnpackOptions forFewFiles() {
        return new UnpackOptions(whiteouts, owners, 0, progress, FileCalls.JDK);
    }
}
