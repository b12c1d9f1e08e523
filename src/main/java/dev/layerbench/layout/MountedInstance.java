package dev.layerbench.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A container whose root filesystem is an overlay mounted on {@code merged/} (kernel overlayfs or fuse-overlayfs),
 * its changes in {@code upper/}.
 */
record MountedInstance(String name, Path dir, Path upper, Path merged) implements DirectoryInstance {

    /** Makes {@code upper/}, {@code work/} and {@code merged/} in {@code dir} (which does not exist yet). */
    static MountedInstance prepare(String name, Path dir) throws IOException {
        Files.createDirectory(dir);
        Files.createDirectory(dir.resolve("work"));
        return new MountedInstance(
                name, dir, Files.createDirectory(dir.resolve("upper")), Files.createDirectory(dir.resolve("merged")));
    }

    Path work() {
        return dir.resolve("work");
    }

    /** The merged directory. */
    @Override
    public Path root() {
        return merged;
    }

    @Override
    public long modify(String path, byte[] data) throws IOException {
        long copied =
                Files.exists(upper.resolve(path), LinkOption.NOFOLLOW_LINKS) ? 0 : Files.size(merged.resolve(path));
        DirectoryTree.overwrite(merged.resolve(path), data);
        return copied;
    }
}
