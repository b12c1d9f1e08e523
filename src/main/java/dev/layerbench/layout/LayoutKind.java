package dev.layerbench.layout;

import dev.layerbench.fs.Mount;
import dev.layerbench.fs.Posix;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Image;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The layouts, each with the factory that opens it. */
public enum LayoutKind {
    /** Layers unpacked once per diff_id; a container is its stack plus an empty upper directory (userspace union). */
    SHARED,
    /** The same layer directories under a kernel overlay mount per container (root only). */
    SHARED_KERNEL,
    /** A full copy of the flattened root filesystem per container (Docker vfs, containerd native). */
    FLAT,
    /** Per-container trees of hard links or reflinks into a content store keyed by file sha256. */
    FILE_DEDUP;

    /** The name in tables and on the command line: {@code shared}, {@code shared-kernel}, {@code flat}, {@code file-dedup}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind with this label or enum name. */
    public static LayoutKind ofLabel(String s) {
        for (LayoutKind k : values()) {
            if (k.label().equalsIgnoreCase(s) || k.name().equalsIgnoreCase(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no layout '" + s + "': expected shared, shared-kernel, flat or file-dedup");
    }

    /** Why this layout cannot run in this process, or empty when it can. */
    public Optional<String> unavailable() {
        if (this != SHARED_KERNEL) {
            return Optional.empty();
        }
        if (!Posix.isRoot()) {
            return Optional.of("shared-kernel needs root (a kernel overlay mount per container)");
        }
        if (Mount.overlayKnown().isPresent() && !Mount.overlayKnown().get()) {
            return Optional.of("shared-kernel needs overlayfs: modprobe overlay");
        }
        return Optional.empty();
    }

    /**
     * Opens a layout of this kind in a new directory under {@code parent} and builds its shared base for {@code images}
     * (layer directories, templates or content store): the time that takes is not container creation.
     */
    public Layout open(ImageArchive archive, List<Image> images, Path parent, LayoutOptions options) throws IOException {
        Optional<String> why = unavailable();
        if (why.isPresent()) {
            throw new LayoutException(why.get());
        }
        Workspace ws = Workspace.create(this, archive, images, parent);
        try {
            return switch (this) {
                case SHARED -> new SharedLayout(ws, options, false);
                case SHARED_KERNEL -> new SharedLayout(ws, options, true);
                case FLAT -> new FlatLayout(ws, options);
                case FILE_DEDUP -> new DedupLayout(ws, options);
            };
        } catch (IOException | RuntimeException e) {
            ws.delete();
            throw e;
        }
    }
}
