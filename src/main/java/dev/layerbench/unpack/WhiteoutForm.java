package dev.layerbench.unpack;

import dev.layerbench.fs.Posix;

/** How a per-layer directory keeps the deletions its layer makes. */
public enum WhiteoutForm {
    /** The kernel overlayfs form: 0/0 character devices and {@code trusted.overlay.opaque=y}; needs root. */
    OVERLAY,
    /** The OCI layer form: empty {@code .wh.NAME} and {@code .wh..wh..opq} files, as in the tar. */
    OCI;

    /** {@link #OVERLAY} when running as root (mknod and trusted.* xattrs need it), else {@link #OCI}. */
    public static WhiteoutForm forThisProcess() {
        return Posix.isRoot() ? OVERLAY : OCI;
    }

    /** The word stored beside a layer directory and printed: {@code overlay} or {@code oci}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static WhiteoutForm ofLabel(String label) {
        for (WhiteoutForm f : values()) {
            if (f.label().equals(label.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("not a whiteout form (overlay or oci): \"" + label.strip() + "\"");
    }
}
