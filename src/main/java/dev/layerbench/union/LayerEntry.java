package dev.layerbench.union;

import dev.layerbench.oci.EntryKind;
import java.nio.file.Path;

/**
 * One name in one layer directory, classified (whiteouts in either form become {@link EntryKind#WHITEOUT}).
 *
 * @param opaque for a directory: whether it hides the lower layers' content of the same directory
 * @param path   where it is on disk (for a whiteout, the whiteout file or device)
 */
public record LayerEntry(String name, EntryKind kind, int mode, long size, boolean opaque, Path path) {}
