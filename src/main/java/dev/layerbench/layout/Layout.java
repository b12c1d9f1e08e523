package dev.layerbench.layout;

import dev.layerbench.image.Image;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A way of storing containers on disk. A layout lives in a directory of its own it makes under the directory the caller
 * names ({@link #dir()}); its shared base (what every container reuses) is in {@link #base()}, each container in a
 * directory under {@code containers/}. {@link #close()} removes every container, the base and the layout's directory:
 * the caller's directory is left as it was.
 */
public interface Layout extends AutoCloseable {

    LayoutKind kind();

    /** The kind's label, with the variant when it has one: {@code file-dedup-reflink} for reflinked file-dedup. */
    default String label() {
        return kind().label();
    }

    /** The layout's own directory. */
    Path dir();

    /** The shared base: per-layer directories, flattened templates or the file content store. */
    Path base();

    /** The images containers can be made from (bottom layers first inside each). */
    List<Image> images();

    /** Makes a container of {@code image} (one of {@link #images()}) named {@code name}. */
    Instance create(String name, Image image) throws IOException;

    /** Removes a container this layout made, leaving nothing of it behind. */
    void remove(Instance instance) throws IOException;

    /** The containers made and not removed, oldest first. */
    List<Instance> instances();

    /**
     * Mounts whose files keep page cache of their own besides the base's and the containers' files: the layer images
     * an erofs layout mounts, each fuse-overlayfs container's mount. Empty for the others.
     */
    default List<Path> cacheMounts() {
        return List.of();
    }

    /** Removes every container, the shared base and the layout's directory. */
    @Override
    void close() throws IOException;
}
