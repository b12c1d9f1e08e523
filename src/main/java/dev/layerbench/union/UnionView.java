package dev.layerbench.union;

import dev.layerbench.oci.EntryKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A read view of a layer stack with overlayfs semantics. Paths are relative to the view's root, {@code /}-separated;
 * a leading {@code /} is ignored.
 */
public interface UnionView {

    /** Symlinks followed in one resolution before giving up, as Linux's ELOOP limit. */
    int MAX_SYMLINKS = 40;

    /** The topmost entry at a path, not following a final symlink ({@code lstat}); intermediate components must be directories. */
    Optional<Node> lookup(String path);

    /** The names in a merged directory, sorted, without whiteouts or what they hide; empty when not a directory. */
    List<String> list(String dir);

    /** Number of layers. */
    int depth();

    /** Like {@link #lookup} after resolving symlinks inside the view ({@code stat}). */
    default Optional<Node> stat(String path) throws IOException {
        return lookup(resolve(path, true));
    }

    /** A file's content, symlinks resolved inside the view. */
    default InputStream read(String path) throws IOException {
        Node n = stat(path).orElseThrow(() -> new NoSuchFileException(path, null, "not in the view"));
        if (n.kind() != EntryKind.FILE) {
            throw new IOException(path + ": not a regular file in the view (" + n.kind() + ")");
        }
        return Files.newInputStream(n.realPath());
    }

    /**
     * Resolves symlinks in a path inside the view: absolute targets start again at the view's root, {@code ..} stops at
     * the root, so resolution never leaves the view.
     *
     * @param followLast whether a symlink in the last component is followed too
     */
    default String resolve(String path, boolean followLast) throws IOException {
        // split, not cleaned: a .. after a symlink climbs from where the link leads, as the kernel does
        Deque<String> todo = new ArrayDeque<>(List.of(path.split("/")));
        List<String> done = new ArrayList<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            done.add(c);
            if (todo.isEmpty() && !followLast) {
                break;
            }
            Optional<Node> n = lookup(String.join("/", done));
            if (n.isPresent() && n.get().kind() == EntryKind.SYMLINK) {
                if (++hops > MAX_SYMLINKS) {
                    throw new IOException(path + ": too many levels of symbolic links in the view");
                }
                String target = n.get().linkTarget();
                done.remove(done.size() - 1);
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> parts = List.of(target.split("/"));
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
            }
        }
        return String.join("/", done);
    }
}
