package dev.layerbench.layout;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A root filesystem as path -> "kind mode content" lines, read from a directory or through a container. */
final class Snapshots {

    private Snapshots() {}

    /** Every entry below the root (the root itself left out), read through the container. */
    static Map<String, String> of(Instance c) throws IOException {
        Map<String, String> out = new TreeMap<>();
        List<String> dirs = new ArrayList<>(List.of(""));
        while (!dirs.isEmpty()) {
            String d = dirs.removeLast();
            for (String n : c.list(d)) {
                String p = d.isEmpty() ? n : d + "/" + n;
                Optional<Path> real = c.resolve(p);
                if (real.isEmpty()) {
                    out.put(p, "listed but not found");
                    continue;
                }
                out.put(p, describe(real.get()));
                if (Files.isDirectory(real.get(), LinkOption.NOFOLLOW_LINKS)) {
                    dirs.add(p);
                }
            }
        }
        return out;
    }

    /** Every entry below {@code root} (the root itself left out). */
    static Map<String, String> of(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                if (!p.equals(root)) {
                    out.put(root.relativize(p).toString(), describe(p));
                }
            }
        }
        return out;
    }

    static String describe(Path p) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        String bits = Integer.toOctalString(mode & Posix.MODE_BITS);
        if (Files.isSymbolicLink(p)) {
            return "symlink -> " + Files.readSymbolicLink(p);
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return "dir " + bits;
        }
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return "file " + bits + " " + Digest.of(p);
        }
        return "other " + Integer.toOctalString(mode);
    }
}
