package dev.layerbench.union;

import dev.layerbench.oci.EntryKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A path as the union view shows it.
 *
 * @param path     the path in the view, relative, "" for the root
 * @param layer    the index of the layer it comes from (0 = bottom; the stack's depth for a container's upper)
 * @param realPath the file backing it
 */
public record Node(String path, EntryKind kind, int mode, long size, int layer, Path realPath) {

    /** The link target of a symlink. */
    public String linkTarget() throws IOException {
        return Files.readSymbolicLink(realPath).toString();
    }

    public boolean isDirectory() {
        return kind == EntryKind.DIRECTORY;
    }
}
