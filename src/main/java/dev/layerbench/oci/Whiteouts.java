package dev.layerbench.oci;

/**
 * The names that delete or hide lower content, in the OCI layer form (the names below) and in the kernel overlayfs
 * form (a 0/0 character device, an xattr on an opaque directory), and the predicates that read them. Every predicate
 * takes a name or a path and looks at its last part only.
 *
 * <ul>
 *   <li>{@code DIR/.wh.NAME} removes {@code DIR/NAME} of the layers below ({@link #isWhiteout});
 *   <li>{@code DIR/.wh..wh..opq} hides every lower entry of {@code DIR} ({@link #isOpaque});
 *   <li>other names beginning {@code .wh..wh.} are reserved and mean nothing ({@link #isReserved}): readers skip them.
 * </ul>
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md#whiteouts">image-spec layer.md, Whiteouts</a>
 * @see <a href="https://docs.kernel.org/filesystems/overlayfs.html#whiteouts-and-opaque-directories">overlayfs.rst, Whiteouts and opaque directories</a>
 */
public final class Whiteouts {

    /** A layer entry {@code .wh.NAME} removes NAME from the layers below. */
    public static final String PREFIX = ".wh.";
    /** Names beginning {@code .wh..wh.} are reserved; only {@link #OPAQUE} is defined. */
    public static final String RESERVED_PREFIX = ".wh..wh.";
    /** An entry {@code DIR/.wh..wh..opq} hides everything the layers below have in DIR. */
    public static final String OPAQUE = ".wh..wh..opq";
    /** overlayfs: a directory carrying this xattr with value {@link #OVERLAY_OPAQUE_VALUE} hides the lower layers' content. */
    public static final String OVERLAY_OPAQUE_XATTR = "trusted.overlay.opaque";
    /** The value of {@link #OVERLAY_OPAQUE_XATTR} that makes a directory opaque. */
    public static final String OVERLAY_OPAQUE_VALUE = "y";
    /** Xattrs overlayfs interprets; never copied from a layer's PAX headers. */
    public static final String OVERLAY_XATTR_PREFIX = "trusted.overlay.";
    /** overlayfs: a whiteout is a character device with device number 0/0 named as the removed entry. */
    public static final int OVERLAY_WHITEOUT_MAJOR = 0;

    public static final int OVERLAY_WHITEOUT_MINOR = 0;

    private Whiteouts() {}

    /** Whether a name's last part carries the whiteout prefix at all: a whiteout, the opaque marker or a reserved name. */
    public static boolean isMarker(String path) {
        return LayerPaths.baseName(path).startsWith(PREFIX);
    }

    /** Whether a name's last part is a whiteout {@code .wh.NAME} that removes NAME (not opaque, not reserved). */
    public static boolean isWhiteout(String path) {
        String base = LayerPaths.baseName(path);
        return base.startsWith(PREFIX) && !base.startsWith(RESERVED_PREFIX);
    }

    /** Whether a name's last part is the opaque marker. */
    public static boolean isOpaque(String path) {
        return LayerPaths.baseName(path).equals(OPAQUE);
    }

    /** Whether a name's last part is reserved and meaningless: {@code .wh..wh.} but not the opaque marker. */
    public static boolean isReserved(String path) {
        String base = LayerPaths.baseName(path);
        return base.startsWith(RESERVED_PREFIX) && !base.equals(OPAQUE);
    }

    /** The name a whiteout's last part removes: {@code .wh.NAME} gives NAME. */
    public static String removedName(String whiteout) {
        return LayerPaths.baseName(whiteout).substring(PREFIX.length());
    }

    /** The whiteout path that deletes {@code path} ({@code a/b} gives {@code a/.wh.b}); the path must be strict. */
    public static String whiteoutFor(String path) {
        String p = LayerPaths.strict(path);
        return LayerPaths.join(LayerPaths.parent(p), PREFIX + LayerPaths.baseName(p));
    }

    /** The opaque marker path of a directory ({@code a/b} gives {@code a/b/.wh..wh..opq}); the path must be strict. */
    public static String opaqueMarkerIn(String dir) {
        return LayerPaths.strict(dir) + "/" + OPAQUE;
    }
}
