package dev.layerbench.layout;

import dev.layerbench.fs.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Paths inside a container's root resolved as a process in it would see them, but through {@link Instance#resolve}: a
 * symlink in any component is followed inside the container's root (an absolute target starts at that root, never
 * the host's), so {@code /lib/x86_64-linux-gnu/libc.so.6} reaches the same file through a kernel mount, a plain tree and
 * the userspace union view.
 */
final class ViewPaths {

    /** Linux's limit on symlinks followed in one lookup. */
    private static final int MAX_SYMLINKS = 40;

    private ViewPaths() {}

    /** The path with no symlink in any component, relative to the root, or empty when it does not exist in the view. */
    static Optional<String> canonical(Instance view, String path) throws IOException {
        Deque<String> todo = new ArrayDeque<>(parts(path));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.removeFirst();
            if (name.equals("..")) {
                if (!done.isEmpty()) {
                    done.removeLast();
                }
                continue;
            }
            done.add(name);
            String sofar = String.join("/", done);
            Optional<Path> real = view.resolve(sofar);
            if (real.isEmpty()) {
                return Optional.empty();
            }
            if (Files.isSymbolicLink(real.get())) {
                if (++links > MAX_SYMLINKS) {
                    return Optional.empty();
                }
                String target = Files.readSymbolicLink(real.get()).toString();
                done.removeLast();
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> t = parts(target);
                for (int i = t.size() - 1; i >= 0; i--) {
                    todo.addFirst(t.get(i));
                }
            }
        }
        return Optional.of(String.join("/", done));
    }

    /** Every regular file the view shows, sorted walk order (directories listed by {@link Instance#list}). */
    static List<String> regularFiles(Instance view) throws IOException {
        List<String> files = new ArrayList<>();
        Deque<String> dirs = new ArrayDeque<>(List.of(""));
        while (!dirs.isEmpty()) {
            String d = dirs.removeFirst();
            for (String n : view.list(d)) {
                String p = d.isEmpty() ? n : d + "/" + n;
                Optional<Path> real = view.resolve(p);
                if (real.isEmpty()) {
                    continue;
                }
                Stat s = Stat.of(real.get());
                if (s.isDirectory()) {
                    dirs.addLast(p);
                } else if (s.isRegularFile()) {
                    files.add(p);
                }
            }
        }
        return files;
    }

    private static List<String> parts(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty() && !s.equals(".")) {
                out.add(s);
            }
        }
        return out;
    }
}
