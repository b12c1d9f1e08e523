package dev.layerbench.cli;

import dev.layerbench.fs.Mount;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a tool leaves mounted if it is killed (SIGTERM, Ctrl-C): on exit, every mount under a watched directory is
 * detached (lazily, deepest first), so an overlay per container or a loop filesystem is not left behind. A normal run
 * unmounts everything itself and unwatches before the hook runs.
 */
final class Cleanup {

    private static final Set<Path> WATCHED = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private Cleanup() {
    }

    /** Detaches every mount under {@code dir} (and {@code dir} itself if it is one) when the JVM exits. */
    static synchronized void watch(Path dir) {
        WATCHED.add(dir.toAbsolutePath().normalize());
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::detachAll, "layerbench-unmount"));
        }
    }

    static void unwatch(Path dir) {
        WATCHED.remove(dir.toAbsolutePath().normalize());
    }

    private static void detachAll() {
        for (Path dir : WATCHED) {
            try {
                List<Path> mounts = new java.util.ArrayList<>(Mount.under(dir));
                mounts.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
                for (Path m : mounts) {
                    try {
                        Mount.unmount(m, Mount.MNT_DETACH);
                    } catch (java.io.IOException e) {
                        // already gone
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // best effort on the way out
            }
        }
    }
}
