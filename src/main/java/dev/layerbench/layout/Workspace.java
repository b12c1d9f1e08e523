package dev.layerbench.layout;

import dev.layerbench.fs.Trees;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A layout's directory: {@code <parent>/layerbench-<kind>-XXXX/} with {@code base/} (shared) and {@code containers/}
 * (one directory per container).
 */
record Workspace(LayoutKind kind, ImageArchive archive, List<Image> images, Path dir) {

    static final String BASE = "base";
    static final String CONTAINERS = "containers";

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
        Path dir = Files.createTempDirectory(p, "layerbench-" + kind.label() + "-");
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

    void delete() throws IOException {
        Trees.delete(dir);
    }
}
