package dev.layerbench.sizing;

import java.util.Locale;

/** How a fleet's root filesystems are laid out on disk. */
public enum FleetLayout {
    /**
     * Each distinct layer unpacked once into its own directory; per container an overlayfs upper and work directory
     * (and a mount point), holding copy-ups, whiteouts and new files.
     */
    SHARED,
    /** Each container a full copy of its image's flattened tree, written in place (reflinked where the fs can). */
    FLAT,
    /** Each container a tree of its own directories, every regular file a hard link into one pool per content. */
    FILE_DEDUP,
    /**
     * What-if lower bound: file content stored once per distinct content-defined chunk (no block rounding), metadata
     * as {@link #FILE_DEDUP}.
     */
    CHUNK_DEDUP,
    /**
     * Each distinct layer an EROFS image (as Debian's mkfs.erofs 1.5 writes it, {@link ErofsImageModel}) beside its
     * whiteout form and lock files; per container an overlayfs upper and work directory, as {@link #SHARED} with a
     * kernel mount.
     */
    EROFS,
    /**
     * composefs-style: an object store holding each distinct file content once (by sha256) across every image, plus one
     * EROFS metadata image per image; per container as {@link #EROFS}.
     */
    COMPOSEFS;

    /** The name in tables: {@code composefs-style} for {@link #COMPOSEFS} (not composefs itself), else the enum name. */
    public String label() {
        return this == COMPOSEFS
                ? "composefs-style"
                : name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
