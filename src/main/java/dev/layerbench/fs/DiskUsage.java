package dev.layerbench.fs;

import java.io.IOException;
import java.nio.file.Path;

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
        return new DiskUsage(
                bytes - before.bytes, inodes - before.inodes, Math.max(inodes - before.inodes, links - before.links));
    }

    /**
     * Adds up trees, counting an inode reached from several of them once (an {@link InodeWalk}). Not thread-safe.
     */
    public static final class Walker {

        private final InodeWalk walk;
        private long bytes;
        private long inodes;
        private long links;

        public Walker(Devices devices) {
            this.walk = new InodeWalk(devices, this::visit);
        }

        /** Adds the tree at {@code root} (a file counts as a tree of one); a path that vanishes midway is skipped. */
        public Walker add(Path root) throws IOException {
            walk.add(root);
            return this;
        }

        private void visit(Path path, Stat s, boolean first) {
            links++;
            if (first) {
                bytes += s.allocatedBytes();
                inodes++;
            }
        }

        public DiskUsage usage() {
            return new DiskUsage(bytes, inodes, links);
        }
    }
}
