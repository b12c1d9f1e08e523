package dev.layerbench.layout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A container whose root filesystem is a directory a process can enter: its own ({@link TreeInstance}) or an overlay
 * mount ({@link MountedInstance}). Lookups, listings and new files go straight to that directory; only a write to an
 * existing file differs (copy-up, breaking a hard link).
 */
interface DirectoryInstance extends Instance {

    /** The directory that is the container's root filesystem. */
    Path root();

    @Override
    default Optional<Path> resolve(String path) {
        return DirectoryTree.resolve(root(), path);
    }

    @Override
    default Path readPath(String path) {
        return path.isEmpty() ? root() : root().resolve(path);
    }

    @Override
    default List<String> list(String dir) throws IOException {
        return DirectoryTree.list(dir.isEmpty() ? root() : root().resolve(dir));
    }

    @Override
    default void add(String path, byte[] content) throws IOException {
        DirectoryTree.add(root(), path, content);
    }
}
