package dev.layerbench.layout;

import dev.layerbench.fs.Mount;
import dev.layerbench.fs.Posix;
import dev.layerbench.fs.Programs;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import java.io.IOException;
import java.nio.file.Files;
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
    FILE_DEDUP,
    /** Each layer an EROFS image made once per diff_id and loop-mounted; a kernel overlay per container (containerd's EROFS snapshotter). */
    EROFS,
    /**
     * Per image an EROFS image of metadata only, redirecting each file to a content-addressed object store shared by
     * every image; an overlay with data-only lower layers per container (the kernel path of composefs, built from
     * erofs-utils and overlayfs: labelled composefs-style).
     */
    COMPOSEFS,
    /** The {@code shared} layer directories under a fuse-overlayfs mount per container (rootless Podman's path). */
    FUSE_OVERLAYFS;

    /** Linux version with overlayfs data-only lower layers ({@code lowerdir=A::B}). */
    static final int[] DATA_ONLY_LOWERS = {6, 5};

    /**
     * The name in tables and on the command line: {@code shared}, {@code shared-kernel}, {@code flat}, {@code file-dedup},
     * {@code erofs}, {@code composefs-style} ({@code composefs} is accepted too), {@code fuse-overlayfs}.
     */
    public String label() {
        return this == COMPOSEFS
                ? "composefs-style"
                : name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind with this label or enum name. */
    public static LayoutKind ofLabel(String s) {
        for (LayoutKind k : values()) {
            if (k.label().equalsIgnoreCase(s) || k.name().equalsIgnoreCase(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no layout '" + s
                + "': expected shared, shared-kernel, flat, file-dedup, erofs, composefs or fuse-overlayfs");
    }

    /** Why this layout cannot run in this process, or empty when it can. */
    public Optional<String> unavailable() {
        if (this == SHARED || this == FLAT || this == FILE_DEDUP) {
            return Optional.empty();
        }
        String label = label();
        if (!Posix.isRoot()) {
            return Optional.of(label + " needs root ("
                    + (this == FUSE_OVERLAYFS ? "layer whiteouts as device nodes" : "mounts") + ")");
        }
        if (this == FUSE_OVERLAYFS) {
            if (!Files.exists(Path.of("/dev/fuse"))) {
                return Optional.of(label + " needs /dev/fuse (modprobe fuse)");
            }
            if (!Programs.onPath("fuse-overlayfs")) {
                return Optional.of(label + " needs fuse-overlayfs (apt-get install fuse-overlayfs)");
            }
            return Optional.empty();
        }
        if (Mount.overlayKnown().isPresent() && !Mount.overlayKnown().get()) {
            return Optional.of(label + " needs overlayfs: modprobe overlay");
        }
        if (this == SHARED_KERNEL) {
            return Optional.empty();
        }
        if (Mount.known("erofs").isPresent() && !Mount.known("erofs").get()) {
            return Optional.of(label + " needs erofs in the kernel (no erofs in /proc/filesystems: modprobe erofs)");
        }
        if (!Programs.onPath(ErofsImage.MKFS)) {
            return Optional.of(label + " needs " + ErofsImage.MKFS + " (apt-get install erofs-utils)");
        }
        if (this == COMPOSEFS && !atLeast(System.getProperty("os.version"), DATA_ONLY_LOWERS)) {
            return Optional.of(label + " needs Linux 6.5 or later for overlayfs data-only lower layers (this is "
                    + System.getProperty("os.version") + ")");
        }
        return Optional.empty();
    }

    /** Whether a kernel release ({@code 6.18.44-fc}) is at least {@code major.minor}. */
    static boolean atLeast(String release, int[] version) {
        String[] p = release.split("[^0-9]+");
        try {
            int major = Integer.parseInt(p[0]);
            int minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            return major > version[0] || (major == version[0] && minor >= version[1]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }

    /**
     * Opens a layout of this kind in a new directory under {@code parent} and builds its shared base for {@code images}
     * (layer directories, templates or content store): the time that takes is not container creation.
     */
    public Layout open(ImageArchive archive, List<Image> images, Path parent, LayoutOptions options)
            throws IOException {
        Optional<String> why = unavailable();
        if (why.isPresent()) {
            throw new LayoutException(why.get());
        }
        Workspace ws = Workspace.create(this, archive, images, parent);
        try {
            return switch (this) {
                case SHARED -> new SharedLayout(ws, options, SharedLayout.Union.USERSPACE);
                case SHARED_KERNEL -> new SharedLayout(ws, options, SharedLayout.Union.KERNEL);
                case FUSE_OVERLAYFS -> new SharedLayout(ws, options, SharedLayout.Union.FUSE);
                case EROFS -> new ErofsLayout(ws, options);
                case COMPOSEFS -> new ComposefsLayout(ws, options);
                case FLAT -> new FlatLayout(ws, options);
                case FILE_DEDUP -> new DedupLayout(ws, options);
            };
        } catch (IOException | RuntimeException e) {
            ws.delete();
            throw e;
        }
    }
}
