package dev.layerbench.union;

/** What a path is in one layer. */
public enum EntryKind {
    FILE, DIRECTORY, SYMLINK,
    /** Hides the same name in the layers below. */
    WHITEOUT,
    /** Device, FIFO or socket. */
    OTHER
}
