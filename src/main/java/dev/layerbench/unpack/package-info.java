/**
 * Layer unpacking: applies OCI layer tars (plain, gzip, zstd) to a directory, following the image-spec's
 * <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md">layer.md</a> (changesets, whiteouts,
 * opaque directories), verifying the blob digest and the diff_id in the same pass as the extraction.
 *
 * <p>Two targets: {@link dev.layerbench.unpack.Unpacker#flatten flatten} applies all layers of an image, in order, into
 * one root filesystem; {@link dev.layerbench.unpack.LayerDirectories} keeps each layer in its own directory of a store,
 * keyed by diff_id, with whiteouts in the form the kernel's
 * <a href="https://docs.kernel.org/filesystems/overlayfs.html">overlayfs</a> reads when running as root
 * ({@link dev.layerbench.unpack.WhiteoutForm#OVERLAY}) and as {@code .wh.} files otherwise
 * ({@link dev.layerbench.unpack.WhiteoutForm#OCI}).
 *
 * <p>Every unpack works in a staging directory beside its target and renames it into place at the end; every path is
 * resolved inside the target (lexical {@code ..} clamped at the root, symlinks followed as if the target were the root),
 * so a hostile layer can neither escape nor leave a half-written result. A per-layer directory is unpacked by one
 * thread or process at a time (the holder of its key lock; the others wait, then reuse it), its completion recorded
 * last, and staging left by a dead process is removed by the next one (see {@link dev.layerbench.unpack.LayerDirectories}).
 */
package dev.layerbench.unpack;
