package dev.layerbench.unpack;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves entry names inside a root directory as if it were {@code /}: {@code ..} never climbs above the root,
 * and a symlink met on the way (absolute, relative, chained, or created earlier by the same layer) is followed
 * with the root as its {@code /}, as containerd's and umoci's unpackers do. Names come in cleaned
 * ({@link dev.layerbench.oci.LayerPaths#components}). The final component of a name is never
 * followed: callers create, replace or remove it without following.
 */
final class ConfinedResolver {

    /** As Linux's MAXSYMLINKS. */
    static final int MAX_SYMLINKS = 40;

    /** Waits for any pending write of a path before it is looked at. */
    interface Pending {
        void await(Path path) throws IOException;
    }

    private final Path root;
    private final Pending pending;
    /** Real directories (no symlink on their path) known to exist below the root. */
    private final Set<Path> knownDirectories = new HashSet<>();
    /**
     * Directories made by the current layer (or the root, empty before it): nothing is in them but what the layer wrote
     * and the directories this resolver made on the way to its entries ({@link #isKnownDirectory}).
     */
    private final Set<Path> fresh = new HashSet<>();

    ConfinedResolver(Path root, Pending pending) {
        this.root = root;
        this.pending = pending;
        knownDirectories.add(root);
    }

    Path root() {
        return root;
    }

    /**
     * The real directory that the first {@code count} components name, with symlinks on the way followed inside the
     * root. Missing directories are created (mode 0755 before umask) when {@code create}; otherwise a missing one
     * gives null.
     *
     * @throws NotDirectoryException when a component is something other than a directory or a symlink to one
     */
    Path directory(List<String> components, int count, boolean create) throws IOException {
        Deque<String> todo = new ArrayDeque<>(components.subList(0, count));
        List<Path> stack = new ArrayList<>();
        Path current = root;
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!stack.isEmpty()) {
                    stack.removeLast();
                }
                current = stack.isEmpty() ? root : stack.getLast();
                continue;
            }
            Path next = current.resolve(c);
            if (!knownDirectories.contains(next)) {
                pending.await(next);
                BasicFileAttributes a = lstat(next);
                if (a == null) {
                    if (!create) {
                        return null;
                    }
                    Files.createDirectory(next);
                    fresh.add(next);
                } else if (a.isSymbolicLink()) {
                    if (++links > MAX_SYMLINKS) {
                        throw new FileSystemException(
                                relative(next), null, "more than " + MAX_SYMLINKS + " symlinks on the way");
                    }
                    String target = Files.readSymbolicLink(next).toString();
                    if (target.startsWith("/")) {
                        stack.clear();
                        current = root;
                    }
                    List<String> parts = new ArrayList<>(List.of(target.split("/")));
                    for (int i = parts.size() - 1; i >= 0; i--) {
                        todo.addFirst(parts.get(i));
                    }
                    continue;
                } else if (!a.isDirectory()) {
                    throw new NotDirectoryException(relative(next));
                }
                knownDirectories.add(next);
            }
            stack.add(next);
            current = next;
        }
        return current;
    }

    /** Records a real directory that an entry named: {@code made} by this layer just now, or one that was there. */
    void learn(Path directory, boolean made) {
        knownDirectories.add(directory);
        if (made) {
            fresh.add(directory);
        }
    }

    /** Starts a layer: no directory is fresh, but the root when it was empty before it. */
    void newLayer(boolean rootEmpty) {
        fresh.clear();
        if (rootEmpty) {
            fresh.add(root);
        }
    }

    /** Whether {@code directory} was made by the current layer (see {@link #fresh}). */
    boolean isFresh(Path directory) {
        return fresh.contains(directory);
    }

    /** Whether {@code path} is a real directory this resolver knows of (made or met on the way). */
    boolean isKnownDirectory(Path path) {
        return knownDirectories.contains(path);
    }

    /** Records that something other than a written entry (an overlay whiteout) was made in {@code directory}. */
    void touched(Path directory) {
        fresh.remove(directory);
    }

    /** Forgets every directory learned: something was removed or replaced. */
    void forget() {
        knownDirectories.clear();
        knownDirectories.add(root);
        fresh.clear();
    }

    /** A path below the root as the layer names it, for messages. */
    String relative(Path p) {
        Path r = root.relativize(p);
        return r.toString().isEmpty() ? "/" : "/" + r;
    }

    /** The attributes of a path itself (not following a symlink), or null when it does not exist; no exception then. */
    static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return p.getFileSystem()
                    .provider()
                    .readAttributesIfExists(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null; // a parent is missing
        }
    }
}
