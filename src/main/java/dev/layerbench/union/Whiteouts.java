package dev.layerbench.union;

/**
 * Names and markers that hide lower-layer content.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md#whiteouts">OCI layer.md: whiteouts</a>
 * @see <a href="https://docs.kernel.org/filesystems/overlayfs.html#whiteouts-and-opaque-directories">overlayfs: whiteouts and opaque directories</a>
 */
public final class Whiteouts {

    /** OCI: {@code .wh.NAME} removes NAME from the layers below. */
    public static final String PREFIX = ".wh.";
    /** OCI: {@code .wh..wh..opq} in a directory hides everything the layers below have in it. */
    public static final String OPAQUE = ".wh..wh..opq";
    /** overlayfs: a directory with this xattr set to {@code y} is opaque. */
    public static final String OVERLAY_OPAQUE_XATTR = "trusted.overlay.opaque";
    /** overlayfs: a whiteout is a character device with device number 0/0. */
    public static final int OVERLAY_WHITEOUT_RDEV = 0;

    private Whiteouts() {
    }

    /** Whether a file name is an OCI whiteout or opaque marker. */
    public static boolean isOciWhiteout(String name) {
        return name.startsWith(PREFIX);
    }
}
