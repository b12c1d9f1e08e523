package dev.layerbench.tar;

import dev.layerbench.oci.Whiteouts;

/** What a layer entry is. Whiteouts and opaque markers are empty regular files with reserved names ({@link Whiteouts}). */
public enum EntryType {
    FILE(0100000),
    DIRECTORY(0040000),
    SYMLINK(0120000),
    HARDLINK(0100000);

    private final int typeBits;

    EntryType(int typeBits) {
        this.typeBits = typeBits;
    }

    /** The {@code S_IFMT} bits the tar header's mode field carries for this type. */
    int typeBits() {
        return typeBits;
    }
}
