package dev.layerbench.layout;

import dev.layerbench.container.CopyUp;

/**
 * How layouts do their work.
 *
 * @param flatSource how {@code flat} fills each container
 * @param sharing    how {@code file-dedup} shares file content between containers
 * @param copyUp     how {@code shared} copies a lower file up on first write
 */
public record LayoutOptions(FlatSource flatSource, Sharing sharing, CopyUp copyUp) {

    /** Where a {@code flat} container's files come from. */
    public enum FlatSource {
        /** Flatten each image once into a template in the base; copy the template per container with the JDK. */
        COPY,
        /** Unpack every layer of the image into each container afresh (no template on disk). */
        UNPACK
    }

    /** How a {@code file-dedup} container's regular files reach the content store. */
    public enum Sharing {
        /** Hard links: one inode per distinct content and metadata; a write first breaks the link (copies the file). */
        HARDLINK,
        /** Reflinks ({@code FICLONE}): an inode per file sharing extents; fails where the filesystem cannot clone. */
        REFLINK,
        /** Reflinks where a probe clone in the base succeeds, else hard links. */
        AUTO
    }

    public LayoutOptions {
        if (flatSource == null || sharing == null || copyUp == null) {
            throw new IllegalArgumentException("layout options need flatSource, sharing and copyUp");
        }
    }

    /** Template copies, reflinks where the filesystem allows, JDK copy-up. */
    public static LayoutOptions defaults() {
        return new LayoutOptions(FlatSource.COPY, Sharing.AUTO, CopyUp.JDK);
    }

    public LayoutOptions with(FlatSource f) {
        return new LayoutOptions(f, sharing, copyUp);
    }

    public LayoutOptions with(Sharing s) {
        return new LayoutOptions(flatSource, s, copyUp);
    }

    public LayoutOptions with(CopyUp c) {
        return new LayoutOptions(flatSource, sharing, c);
    }
}
