/**
 * A container's writable layer: a {@link dev.layerbench.union.LayerStack} plus its own upper directory, with the
 * kernel overlayfs's write semantics — the lower layers are never modified, the first write to a lower file copies it
 * up (parents first, then data, owner, mode, every xattr byte for byte but overlayfs's own, times), deletes leave
 * whiteouts, a directory deleted and made again is opaque.
 *
 * @see <a href="https://docs.kernel.org/filesystems/overlayfs.html">overlayfs.rst</a>: "Non-directories",
 *      "whiteouts and opaque directories", "Permission model"
 */
package dev.layerbench.container;
