package dev.layerbench.sizing;

/** What a layer entry is, as far as sizing cares; whiteouts and opaque markers are recorded, not applied. */
public enum EntryKind {
    /** A regular file: one inode, its data blocks. */
    FILE,
    /** A directory: one inode, its entry blocks. */
    DIR,
    /** A symbolic link: one inode, blocks only for long targets. */
    SYMLINK,
    /** A hard link to an earlier entry of the same layer: a name, no inode. */
    HARDLINK,
    /** A device, fifo or socket: one inode, no blocks. */
    OTHER,
    /** {@code .wh.NAME}: the entry's path is the removed path (image-spec layer.md, Whiteouts). */
    WHITEOUT,
    /** {@code DIR/.wh..wh..opq}: the entry's path is the opaque directory (image-spec layer.md, Opaque Whiteout). */
    OPAQUE;

    /** Whether the entry has an inode of its own when unpacked (a whiteout becomes a 0/0 device under overlayfs). */
    public boolean hasInode() {
        return this != HARDLINK && this != OPAQUE;
    }
}
