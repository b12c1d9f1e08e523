/**
 * A union view over a stack of per-layer directories, with the kernel overlayfs's semantics: the topmost entry of a
 * path wins; a whiteout or an opaque directory above hides what is below; directories merge.
 *
 * <p>Reads whiteouts in both forms the unpacker writes: the OCI form ({@code .wh.NAME} files and a
 * {@code .wh..wh..opq} marker, image-spec
 * <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md#whiteouts">layer.md</a>) and the overlayfs
 * form (a 0/0 character device, {@code trusted.overlay.opaque=y}, kernel
 * <a href="https://docs.kernel.org/filesystems/overlayfs.html">overlayfs.rst</a>). Two implementations, chosen by
 * {@link Lookup}: {@code INDEXED} merges directories once, lazily, and shares merged directories between stacks whose
 * layers under that directory are the same; {@code NAIVE} walks the layer directories top down on every lookup, as an
 * overlay-style lookup does before its caches are warm.
 */
package dev.layerbench.union;
