package dev.layerbench.fs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A scratch filesystem in a sparse image file, mounted through a loop device (root only): what the layout benchmark and
 * tests use to compare ext4, XFS with reflinks and btrfs on one disk. {@link #close()} unmounts it and deletes the image,
 * leaving nothing behind. Equivalent to {@code truncate -s 2G img; mkfs.xfs -m reflink=1 img; mount -o loop img dir}.
 */
public final class LoopFilesystem implements AutoCloseable {

    /** Filesystems this helper can make, with the mkfs command line that makes them. */
    public enum Type {
        /**
         * ext4 with its inode tables and journal zeroed by mkfs, not later by the kernel's {@code ext4lazyinit}
         * thread, whose background writes would land in the first minutes of a benchmark on the new filesystem.
         */
        EXT4("mkfs.ext4", "-q", "-F", "-E", "lazy_itable_init=0,lazy_journal_init=0"),
        /** XFS with shared extents, so FICLONE and copy_file_range share blocks. */
        XFS("mkfs.xfs", "-q", "-f", "-m", "reflink=1"),
        BTRFS("mkfs.btrfs", "-q", "-f");

        private final List<String> mkfs;

        Type(String... mkfs) {
            this.mkfs = List.of(mkfs);
        }

        /** The mkfs program, to check it is installed. */
        public String program() {
            return mkfs.getFirst();
        }

        /** Whether this process can make one: root, and the mkfs program on the PATH. */
        public boolean available() {
            return Posix.isRoot() && onPath(program());
        }
    }

    /** The default image size: sparse, so it costs only what is written. */
    public static final long DEFAULT_SIZE = 2L << 30;

    private final Type type;
    private final Path image;
    private final Path mountPoint;
    private boolean mounted;

    private LoopFilesystem(Type type, Path image, Path mountPoint) {
        this.type = type;
        this.image = image;
        this.mountPoint = mountPoint;
    }

    /**
     * Makes a filesystem of {@code type} in a sparse image of {@code size} bytes inside {@code parent} and mounts it on a
     * new directory beside the image.
     *
     * @throws IOException naming the command that failed and its output's first line
     */
    public static LoopFilesystem create(Type type, Path parent, long size) throws IOException {
        if (!Posix.isRoot()) {
            throw new IOException(type + " on a loop file: needs root (mount -o loop)");
        }
        Path dir = Files.createTempDirectory(
                parent.toAbsolutePath(), ".layerbench-" + type.name().toLowerCase() + "-");
        LoopFilesystem fs = new LoopFilesystem(type, dir.resolve("fs.img"), dir.resolve("mnt"));
        try {
            try (RandomAccessFile f = new RandomAccessFile(fs.image.toFile(), "rw")) {
                f.setLength(size);
            }
            List<String> mkfs = new ArrayList<>(type.mkfs);
            mkfs.add(fs.image.toString());
            run(mkfs);
            Files.createDirectory(fs.mountPoint);
            run(List.of("mount", "-o", "loop", fs.image.toString(), fs.mountPoint.toString()));
            fs.mounted = true;
            return fs;
        } catch (IOException | RuntimeException e) {
            fs.close();
            throw e;
        }
    }

    public Type type() {
        return type;
    }

    /** Where the filesystem is mounted. */
    public Path root() {
        return mountPoint;
    }

    /** Unmounts (the loop device is released with it) and deletes the image and its directory. */
    @Override
    public void close() throws IOException {
        if (mounted) {
            run(List.of("umount", mountPoint.toString()));
            mounted = false;
        }
        Files.deleteIfExists(mountPoint);
        Files.deleteIfExists(image);
        Files.deleteIfExists(image.getParent());
    }

    static boolean onPath(String program) {
        return Programs.onPath(program);
    }

    private static void run(List<String> command) throws IOException {
        Programs.run(command);
    }
}
