package dev.layerbench.sizing;

import dev.layerbench.oci.LayerPaths;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Names per directory (count and UTF-8 bytes), to size directories with {@link Filesystem#dirBytes}. */
final class DirTally {

    private final Map<String, long[]> dirs = new HashMap<>();

    /** Records the name {@code path} in its parent directory. */
    void name(String path) {
        if (path.isEmpty()) {
            return;
        }
        long[] t = dirs.computeIfAbsent(LayerPaths.parent(path), d -> new long[2]);
        t[0]++;
        t[1] += LayerPaths.baseName(path).getBytes(StandardCharsets.UTF_8).length;
    }

    /** Bytes of the directory {@code dir} on {@code fs}, from the names recorded in it. */
    long bytes(String dir, Filesystem fs) {
        long[] t = dirs.getOrDefault(dir, new long[2]);
        return fs.dirBytes(t[0], t[1]);
    }
}
