package dev.layerbench.union;

import dev.layerbench.fs.Posix;
import dev.layerbench.oci.EntryKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Walks a union view, a mounted tree or a model into one comparable form: path to "kind mode size content". */
public final class ComparableTrees {

    private ComparableTrees() {}

    /** Asserts two trees are equal, reporting only the paths that differ (at most 20). */
    public static void assertSame(Map<String, String> expected, Map<String, String> actual, String label) {
        java.util.List<String> diffs = new java.util.ArrayList<>();
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            String e = expected.get(k);
            String a = actual.get(k);
            if (!java.util.Objects.equals(e, a)) {
                diffs.add(k + ": expected " + abbreviate(e) + ", got " + abbreviate(a));
            }
        }
        if (!diffs.isEmpty()) {
            throw new AssertionError(label + ": " + diffs.size() + " paths differ:\n  "
                    + String.join("\n  ", diffs.subList(0, Math.min(20, diffs.size()))));
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "absent" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    public static Map<String, String> of(UnionView view) throws IOException {
        Map<String, String> out = new TreeMap<>();
        walk(view, "", out);
        return out;
    }

    private static void walk(UnionView view, String dir, Map<String, String> out) throws IOException {
        for (String name : view.list(dir)) {
            String p = dir.isEmpty() ? name : dir + "/" + name;
            Node n = view.lookup(p).orElseThrow(() -> new AssertionError("listed but not found: " + p));
            out.put(p, describe(n.kind(), n.mode(), n.realPath()));
            if (n.isDirectory()) {
                walk(view, p, out);
            }
        }
    }

    /** A mounted tree (e.g. the kernel's overlay), read without following symlinks. */
    public static Map<String, String> of(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                if (p.equals(root)) {
                    continue;
                }
                LayerEntry e = LayerDir.classify(p, p.getFileName().toString());
                out.put(root.relativize(p).toString(), describe(e.kind(), e.mode(), p));
            }
        }
        return out;
    }

    public static Map<String, String> of(Map<String, RandomStacks.Expected> model) {
        Map<String, String> out = new TreeMap<>();
        model.forEach((p, e) -> out.put(
                p,
                switch (e.kind()) {
                    case FILE ->
                        "file " + Integer.toOctalString(e.mode()) + " "
                                + e.content().getBytes(StandardCharsets.UTF_8).length + " " + e.content();
                    case DIRECTORY -> "dir " + Integer.toOctalString(e.mode());
                    case SYMLINK -> "symlink " + e.content();
                    default -> e.kind().toString();
                }));
        return out;
    }

    private static String describe(EntryKind kind, int mode, Path real) throws IOException {
        return switch (kind) {
            case FILE -> {
                try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
                    byte[] b = in.readAllBytes();
                    yield "file " + Integer.toOctalString(mode & Posix.MODE_BITS) + " " + b.length + " "
                            + new String(b, StandardCharsets.UTF_8);
                }
            }
            case DIRECTORY -> "dir " + Integer.toOctalString(mode & Posix.MODE_BITS);
            case SYMLINK -> "symlink " + Files.readSymbolicLink(real);
            default -> kind.toString();
        };
    }
}
