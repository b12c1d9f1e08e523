/**
 * Container layouts on a real disk: N containers made from images in a store, under a directory the caller names, and
 * removed again. {@link dev.layerbench.layout.LayoutKind} chooses how: {@code shared} (layers unpacked once per
 * diff_id, each container a {@link dev.layerbench.container.Container} with an empty upper directory, as overlayfs
 * snapshotters do), {@code shared-kernel} (the same layer directories under a kernel overlay mount per container, root
 * only), {@code flat} (a full copy of the flattened root filesystem per container, like Docker's vfs driver and
 * containerd's native snapshotter) and {@code file-dedup} (per-container trees whose regular files are hard links or
 * reflinks into one content store keyed by file sha256, the file-level dedup containers/storage does for zstd:chunked).
 * Three newer designs run beside them, root only: {@code erofs} (each layer an EROFS image, loop-mounted, stacked by a
 * kernel overlay per container), {@code composefs} ("composefs-style": per image an EROFS metadata image redirecting
 * every file into one content-addressed object store, mounted with overlayfs data-only lower layers) and
 * {@code fuse-overlayfs}. A {@link dev.layerbench.layout.MetadataWalk} times an {@code ls -lR}-style walk.
 * A {@link dev.layerbench.layout.WriteWorkload} writes through every container and counts what was copied up;
 * {@link dev.layerbench.layout.ReadRun} has every container read its working set ({@link dev.layerbench.layout.ReadSet})
 * through its own view after the page cache is dropped, and measures the page cache the layout's files hold;
 * {@link dev.layerbench.layout.CommandRun} starts a real program chrooted in each container (replayed reads of a traced
 * run for {@code shared}), cold then warm.
 *
 * <p>Follows the <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md">OCI image layer spec</a>
 * for what a flattened root filesystem is, and the kernel's
 * <a href="https://docs.kernel.org/filesystems/overlayfs.html">overlayfs</a> for the union semantics.
 */
package dev.layerbench.layout;
