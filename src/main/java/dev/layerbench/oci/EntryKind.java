package dev.layerbench.oci;

/**
 * What an entry of a layer, or a path of a root built from layers, is. A tar names all seven; a layer directory or a
 * union view only the first five (a hard link there is a {@link #FILE}, an opaque directory a {@link #DIRECTORY} with a
 * flag).
 *
 * <p>The order is persisted ({@code union.StackIndex} writes the ordinal): add new kinds at the end only.
 */
public enum EntryKind {
    /** A regular file: one inode, its data blocks. */
    FILE,
    /** A directory: one inode, its entry blocks. */
    DIRECTORY,
    /** A symbolic link: one inode, blocks only for long targets. */
    SYMLINK,
    /**
     * Hides the same name in the layers below: {@code .wh.NAME} in a tar (the entry's path is then the removed path),
     * or a 0/0 character device in an overlayfs layer directory ({@link Whiteouts}).
     */
    WHITEOUT,
    /** A device, FIFO or socket: one inode, no blocks. */
    OTHER,
    /** A hard link to an earlier entry of the same layer: a name, no inode of its own. */
    HARDLINK,
    /** {@code DIR/.wh..wh..opq}: the entry's path is the opaque directory (image-spec layer.md, Opaque Whiteout). */
    OPAQUE;

    /** Whether the entry has an inode of its own when unpacked (a whiteout becomes a 0/0 device under overlayfs). */
    public boolean hasInode() {
        return this != HARDLINK && this != OPAQUE;
    }
}
