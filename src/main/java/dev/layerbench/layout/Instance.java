package dev.layerbench.layout;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One container a {@link Layout} made: its root filesystem read and written the way that layout does it. */
public interface Instance {

    /** The container's name, unique in its layout. */
    String name();

    /** The directory holding everything this container owns (its disk usage beyond the layout's shared base). */
    Path dir();

    /** The real file that shows {@code path} (relative to the container's root) through this container, if any. */
    Optional<Path> resolve(String path) throws IOException;

    /**
     * The file to open to read {@code path}: {@link #resolve}'s, failing with {@link NoSuchFileException} when there is
     * none. A container whose root is a directory returns the path under it unchecked, so that a read costs one
     * {@code open}, as a process's read does, and not a {@code stat} before it; opening a path that is not there fails
     * then.
     */
    default Path readPath(String path) throws IOException {
        return resolve(path).orElseThrow(() -> new NoSuchFileException(name() + ": " + path));
    }

    /** The names in a directory of the container's root, sorted; empty when it is no directory. */
    List<String> list(String dir) throws IOException;

    /**
     * Overwrites the start of an existing regular file with {@code data}, as a process in the container would.
     *
     * @return bytes of file data copied before the write could happen (copy-up, or breaking a hard link)
     */
    long modify(String path, byte[] data) throws IOException;

    /** Creates a new regular file (mode 0644), making missing parent directories (mode 0755). */
    void add(String path, byte[] content) throws IOException;
}
