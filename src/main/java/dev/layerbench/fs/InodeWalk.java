package dev.layerbench.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * A walk over trees that meets each inode once, as {@code du} does: every entry is visited with its {@link Stat} and
 * told whether its inode was met before in any tree this walk was given. An inode with more than one link is
 * remembered by device and inode number; a directory or a file of one link can be reached only through its one entry.
 * Stays on each root's filesystem or enters mounts, as {@link DiskUsage.Devices} says (a mount point it does not enter
 * is not visited either); an entry removed while walking is skipped. {@link DiskUsage} and {@link PageCache} count
 * through it. Trees may be added from several threads at once when the visitor is thread-safe.
 */
public final class InodeWalk {

    /** What a walk does with each entry. */
    @FunctionalInterface
    public interface Visitor {
        /** Called for every entry walked, each root included; {@code first} is false when its inode was met before. */
        void visit(Path path, Stat stat, boolean first) throws IOException;
    }

    private record Key(long dev, long ino) {}

    private final DiskUsage.Devices devices;
    private final Visitor visitor;
    private final Set<Key> linked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public InodeWalk(DiskUsage.Devices devices, Visitor visitor) {
        if (devices == null || visitor == null) {
            throw new IllegalArgumentException("an inode walk needs devices and a visitor");
        }
        this.devices = devices;
        this.visitor = visitor;
    }

    /** Walks the tree at {@code root} (a file counts as a tree of one). */
    public InodeWalk add(Path root) throws IOException {
        Stat s = Stat.of(root);
        walk(root, s, s.dev());
        return this;
    }

    private void walk(Path path, Stat s, long rootDev) throws IOException {
        visitor.visit(path, s, s.isDirectory() || s.nlink() <= 1 || linked.add(new Key(s.dev(), s.ino())));
        if (!s.isDirectory()) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
            for (Path child : children) {
                Stat c;
                try {
                    c = Stat.of(child);
                } catch (PosixException e) {
                    if (e.errno() == Errno.ENOENT) {
                        continue;
                    }
                    throw e;
                }
                if (devices == DiskUsage.Devices.ONE && c.dev() != rootDev) {
                    continue; // a mount point: du -x neither counts nor enters it
                }
                walk(child, c, rootDev);
            }
        } catch (NoSuchFileException e) {
            // removed while walking
        }
    }
}
