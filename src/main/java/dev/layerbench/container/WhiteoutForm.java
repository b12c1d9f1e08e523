package dev.layerbench.container;

import dev.layerbench.fs.Posix;

/** How a container's upper layer records deletions and opaque directories. */
public enum WhiteoutForm {
    /** A 0/0 character device and {@code trusted.overlay.opaque=y}: what the kernel's overlayfs reads. Needs root. */
    OVERLAY,
    /** {@code .wh.NAME} files and a {@code .wh..wh..opq} marker: the OCI layer form, no privileges needed. */
    OCI;

    /** The kernel's form when running as root, the OCI form otherwise. */
    public static WhiteoutForm forThisProcess() {
        return Posix.isRoot() ? OVERLAY : OCI;
    }
}
