package dev.layerbench.unpack;

import dev.layerbench.digest.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A comparable description of a tree: per path its type, permission bits, size, content hash, symlink target,
 * device numbers, owner (when asked) and hard-link group (the sorted paths sharing its inode).
 */
final class TreeSnapshot {

    private TreeSnapshot() {}

    static Map<String, String> of(Path root, boolean owners) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Map<Object, TreeSet<String>> inodes = new HashMap<>();
        Map<String, Object> keys = new HashMap<>();
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = new ArrayList<>(s.toList());
        }
        for (Path p : paths) {
            String rel = "/" + root.relativize(p);
            Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            int type = mode & 0170000;
            StringBuilder d = new StringBuilder();
            d.append(String.format("type=%o perm=%04o", type, mode & 07777));
            if (owners) {
                d.append(" owner=").append(a.get("uid")).append(':').append(a.get("gid"));
            }
            switch (type) {
                case 0100000 -> {
                    d.append(" size=")
                            .append(a.get("size"))
                            .append(" sha256=")
                            .append(Digest.of(p).hex(), 0, 16);
                    if ((Integer) a.get("nlink") > 1) {
                        Object key = a.get("fileKey");
                        inodes.computeIfAbsent(key, k -> new TreeSet<>()).add(rel);
                        keys.put(rel, key);
                    }
                }
                case 0120000 -> d.append(" -> ").append(Files.readSymbolicLink(p));
                case 0020000, 0060000 -> d.append(" rdev=").append(a.get("rdev"));
                default -> {}
            }
            out.put(rel.equals("/") ? "/" : rel, d.toString());
        }
        keys.forEach((rel, key) -> {
            TreeSet<String> group = inodes.get(key);
            if (group.size() > 1) {
                out.put(rel, out.get(rel) + " links=" + group);
            }
        });
        return out;
    }

    /** The differences between two snapshots, a line each, at most {@code max}. */
    static List<String> diff(Map<String, String> expected, Map<String, String> actual, int max) {
        List<String> d = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>(expected.keySet());
        all.addAll(actual.keySet());
        for (String k : all) {
            String e = expected.get(k);
            String a = actual.get(k);
            if (e == null || !e.equals(a)) {
                d.add(k + ": expected [" + e + "] got [" + a + "]");
                if (d.size() >= max) {
                    break;
                }
            }
        }
        return d;
    }
}
