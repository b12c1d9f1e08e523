package dev.layerbench.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Disk space and inodes a tree uses as the filesystem allocates them, the way {@code du -s --block-size=1} and
 * {@code du -s --inodes} count: {@code st_blocks * 512} for each inode, each inode counted once however many hard links
 * reach it inside the tree (and across trees measured with the same instance). Extents an inode shares with another
 * through a reflink are counted in full for each inode, as du counts them: the filesystem's own free-space delta is the
 * only measure of reflink sharing.
 *
 * @param bytes  allocated bytes of the inodes counted
 * @param inodes inodes counted (directories, files, symlinks, others)
 * @param links  directory entries walked (a hard-linked inode once per entry)
 */
public record DiskUsage(long bytes, long inodes, long links) {

    /** Which filesystems a walk enters. */
    public enum Devices {
        /** Stay on the filesystem of the root, like {@code du -x}: a mount point inside the tree is not entered. */
        ONE,
        /** Enter mounts inside the tree, like {@code du} without {@code -x}. */
        ALL
    }

    public static final DiskUsage ZERO = new DiskUsage(0, 0, 0);

    public DiskUsage {
        if (bytes < 0 || inodes < 0 || links < inodes) {
            throw new IllegalArgumentException("disk usage needs bytes >= 0 and links >= inodes >= 0");
        }
    }

    /** The usage of the tree at {@code root}, staying on its filesystem. */
    public static DiskUsage of(Path root) throws IOException {
        return new Walker(Devices.ONE).add(root).usage();
    }

    /** This usage minus another (a tree before some work), per field. */
    public DiskUsage minus(DiskUsage before) {
        return new DiskUsage(bytes - before.bytes, inodes - before.inodes, Math.max(inodes - before.inodes, links - before.links));
    }

    /**
     * Adds up trees, counting an inode reached from several of them once. Not thread-safe.
     */
    public static final class Walker {

        private record Key(long dev, long ino) {
        }

        private final Devices devices;
        private final Set<Key> linked = new HashSet<>();
        private long bytes;
        private long inodes;
        private long links;

        public Walker(Devices devices) {
            this.devices = devices;
        }

        /** Adds the tree at {@code root} (a file counts as a tree of one); a path that vanishes midway is skipped. */
        public Walker add(Path root) throws IOException {
            Stat s = Stat.of(root);
            walk(root, s, s.dev());
            return this;
        }

        private void walk(Path path, Stat s, long rootDev) throws IOException {
            links++;
            if (s.isDirectory() || s.nlink() <= 1 || linked.add(new Key(s.dev(), s.ino()))) {
                bytes += s.allocatedBytes();
                inodes++;
            }
            if (!s.isDirectory() || (devices == Devices.ONE && s.dev() != rootDev)) {
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
                    if (devices == Devices.ONE && c.dev() != rootDev) {
                        continue; // a mount point: du -x neither counts nor enters it
                    }
                    walk(child, c, rootDev);
                }
            } catch (NoSuchFileException e) {
                // removed while walking
            }
        }

        public DiskUsage usage() {
            return new DiskUsage(bytes, inodes, links);
        }
    }
}
