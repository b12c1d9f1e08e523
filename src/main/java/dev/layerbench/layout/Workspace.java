package dev.layerbench.layout;

import dev.layerbench.fs.Mount;
import dev.layerbench.fs.Trees;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * A layout's directory: {@code <parent>/layerbench-<kind>-XXXX/} with {@code base/} (shared) and {@code containers/}
 * (one directory per container).
 */
record Workspace(LayoutKind kind, ImageArchive archive, List<Image> images, Path dir) {

    static final String BASE = "base";
    static final String CONTAINERS = "containers";
    /** Where a layout mounts what its containers share (erofs images), outside {@code base/} so disk usage stays put. */
    static final String MOUNTS = "mnt";
    /** The pid and start time of the process that made the layout: a layout whose process is gone is swept. */
    static final String OWNER = ".owner";

    private static final String PREFIX = "layerbench-";

    Workspace {
        images = List.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a layout needs at least one image");
        }
    }

    static Workspace create(LayoutKind kind, ImageArchive archive, List<Image> images, Path parent) throws IOException {
        Path p = parent.toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new LayoutException(p + ": not a directory; give an existing directory to hold the layout");
        }
        sweep(p);
        Path dir = Files.createTempDirectory(p, PREFIX + kind.label() + "-");
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(
                dir.resolve(OWNER),
                self.pid() + " "
                        + self.info().startInstant().map(Object::toString).orElse("-") + "\n");
        Files.createDirectory(dir.resolve(BASE));
        Files.createDirectory(dir.resolve(CONTAINERS));
        return new Workspace(kind, archive, images, dir);
    }

    Path base() {
        return dir.resolve(BASE);
    }

    Path container(String name) throws LayoutException {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
            throw new LayoutException("container name '" + name + "': must be one path component");
        }
        return dir.resolve(CONTAINERS).resolve(name);
    }

    /** A directory for a mount point of the shared base, made on first use. */
    Path mountPoint(String name) throws IOException {
        return Files.createDirectories(dir.resolve(MOUNTS).resolve(name));
    }

    /** Unmounts whatever is still mounted under the layout (after a failure midway), then deletes it. */
    void delete() throws IOException {
        Mount.unmountAll(dir);
        Trees.delete(dir);
    }

    /**
     * Removes the layouts under {@code parent} whose process is gone (killed with SIGKILL, so no shutdown hook ran):
     * their mounts (found by directory in /proc/self/mountinfo) unmounted, their directories deleted. Layouts of live
     * processes, and directories without an owner file, are left alone.
     */
    static void sweep(Path parent) throws IOException {
        try (var entries = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path d : entries) {
                Path owner = d.resolve(OWNER);
                if (!Files.isRegularFile(owner, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String[] f = Files.readString(owner).strip().split(" ");
                boolean alive;
                try {
                    alive = ProcessHandle.of(Long.parseLong(f[0]))
                            .filter(h -> h.info()
                                    .startInstant()
                                    .map(Object::toString)
                                    .orElse("-")
                                    .equals(f.length > 1 ? f[1] : "-"))
                            .isPresent();
                } catch (NumberFormatException e) {
                    continue;
                }
                if (!alive) {
                    Mount.unmountAll(d);
                    Trees.delete(d);
                }
            }
        }
    }
}
