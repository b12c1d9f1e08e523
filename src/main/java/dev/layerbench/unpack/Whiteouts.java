package dev.layerbench.unpack;

/** The names and attributes that mark deletions, in the OCI layer form and in the kernel overlayfs form. */
public final class Whiteouts {

    /**
     * A layer entry {@code .wh.NAME} removes NAME from the layers below.
     *
     * @see <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md#whiteouts">image-spec layer.md, Whiteouts</a>
     */
    public static final String PREFIX = dev.layerbench.tar.Whiteouts.PREFIX;
    /**
     * Names beginning {@code .wh..wh.} are reserved; only {@link #OPAQUE} is defined.
     *
     * @see <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md#whiteouts">image-spec layer.md, Whiteouts</a>
     */
    public static final String RESERVED_PREFIX = ".wh..wh.";
    /**
     * An entry {@code DIR/.wh..wh..opq} hides everything the layers below have in DIR.
     *
     * @see <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md#opaque-whiteout">image-spec layer.md, Opaque Whiteout</a>
     */
    public static final String OPAQUE = dev.layerbench.tar.Whiteouts.OPAQUE;
    /**
     * overlayfs: a directory carrying this xattr with value {@link #OVERLAY_OPAQUE_VALUE} hides the lower layers' content.
     *
     * @see <a href="https://docs.kernel.org/filesystems/overlayfs.html#whiteouts-and-opaque-directories">overlayfs.rst, Whiteouts and opaque directories</a>
     */
    public static final String OVERLAY_OPAQUE_XATTR = "trusted.overlay.opaque";
    /** The value of {@link #OVERLAY_OPAQUE_XATTR} that makes a directory opaque. */
    public static final String OVERLAY_OPAQUE_VALUE = "y";
    /** Xattrs overlayfs interprets; never copied from a layer's PAX headers. */
    public static final String OVERLAY_XATTR_PREFIX = "trusted.overlay.";
    /**
     * overlayfs: a whiteout is a character device with device number 0/0 named as the removed entry.
     *
     * @see <a href="https://docs.kernel.org/filesystems/overlayfs.html#whiteouts-and-opaque-directories">overlayfs.rst, Whiteouts and opaque directories</a>
     */
    public static final int OVERLAY_WHITEOUT_MAJOR = 0;
    public static final int OVERLAY_WHITEOUT_MINOR = 0;

    private Whiteouts() {
    }

    /** Whether a base name is a (non-opaque) whiteout {@code .wh.NAME}. */
    public static boolean isWhiteout(String baseName) {
        return baseName.startsWith(PREFIX) && !baseName.startsWith(RESERVED_PREFIX);
    }

    /** The name a whiteout removes: {@code .wh.NAME} gives NAME. */
    public static String removedName(String whiteoutName) {
        return whiteoutName.substring(PREFIX.length());
    }
}
