package dev.layerbench.cli;

import dev.layerbench.fs.Mount;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a tool would leave behind if it is killed (SIGTERM, Ctrl-C): on exit, every mount under a watched directory is
 * detached (lazily, deepest first) and the directory deleted, so neither an overlay per container, nor a loop
 * filesystem, nor a half-made layout is left. A normal run cleans up itself and unwatches before the hook runs.
 */
final class Cleanup {

    /** Watched directory to the directory deleted after its mounts are detached. */
    private static final java.util.Map<Path, Path> WATCHED = new ConcurrentHashMap<>();

    private static volatile boolean hooked;

    private Cleanup() {}

    /** Detaches every mount under {@code dir} (and {@code dir} itself if it is one) and deletes it when the JVM exits. */
    static void watch(Path dir) {
        watch(dir, dir);
    }

    /** As {@link #watch(Path)}, deleting {@code delete} (which holds {@code dir}) after the mounts are detached. */
    static synchronized void watch(Path dir, Path delete) {
        WATCHED.put(dir.toAbsolutePath().normalize(), delete.toAbsolutePath().normalize());
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::detachAll, "layerbench-unmount"));
        }
    }

    static void unwatch(Path dir) {
        WATCHED.remove(dir.toAbsolutePath().normalize());
    }

    private static void detachAll() {
        for (var w : WATCHED.entrySet()) {
            try {
                detach(w.getKey());
                dev.layerbench.fs.Trees.delete(w.getValue());
            } catch (java.io.IOException | RuntimeException e) {
                // best effort on the way out
            }
        }
    }

    /** Lazily detaches every mount at or under {@code dir}, deepest first; one that is gone already is skipped. */
    static void detach(Path dir) throws java.io.IOException {
        List<Path> mounts = new java.util.ArrayList<>(Mount.under(dir));
        mounts.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        for (Path m : mounts) {
            try {
                Mount.unmount(m, Mount.MNT_DETACH);
            } catch (java.io.IOException e) {
                // already gone
            }
        }
    }
}
