package dev.layerbench.sizing;

import dev.layerbench.oci.LayerPaths;
import java.util.HashMap;
import java.util.Map;

/** Names per directory (count and UTF-8 bytes), to size directories with {@link Filesystem#dirBytes}. */
final class DirTally {

    private static final long[] NONE = new long[2];

    private final Map<String, long[]> dirs = new HashMap<>();

    /** Records the name {@code path} in its parent directory. */
    void name(String path) {
        if (path.isEmpty()) {
            return;
        }
        int end = path.length();
        if (path.charAt(end - 1) == '/') { // not a clean path: the names LayerPaths gives
            long[] t = dirs.computeIfAbsent(LayerPaths.parent(path), d -> new long[2]);
            t[0]++;
            t[1] += Utf8.length(LayerPaths.baseName(path));
            return;
        }
        int slash = path.lastIndexOf('/');
        long[] t = dirs.computeIfAbsent(slash < 0 ? "" : path.substring(0, slash), d -> new long[2]);
        t[0]++;
        t[1] += Utf8.length(path, slash + 1, end);
    }

    /** Records {@code count} names of {@code nameBytes} UTF-8 bytes in all in {@code dir}. */
    void names(String dir, long count, long nameBytes) {
        long[] t = dirs.computeIfAbsent(dir, d -> new long[2]);
        t[0] += count;
        t[1] += nameBytes;
    }

    /** Bytes of the directory {@code dir} on {@code fs}, from the names recorded in it. */
    long bytes(String dir, Filesystem fs) {
        long[] t = dirs.getOrDefault(dir, NONE);
        return fs.dirBytes(t[0], t[1]);
    }

    /** Names recorded in {@code dir}. */
    long names(String dir) {
        return dirs.getOrDefault(dir, NONE)[0];
    }

    /** UTF-8 bytes of the names recorded in {@code dir}. */
    long nameBytes(String dir) {
        return dirs.getOrDefault(dir, NONE)[1];
    }
}
