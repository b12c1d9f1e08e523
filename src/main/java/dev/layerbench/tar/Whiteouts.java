package dev.layerbench.tar;

/**
 * The whiteout names of an OCI layer: how a layer deletes a path of the layers below it, or hides a whole directory's
 * lower content.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md#whiteouts">OCI layer.md, Whiteouts</a>
 */
public final class Whiteouts {

    /** A file {@code DIR/.wh.NAME} deletes {@code DIR/NAME} of the lower layers. */
    public static final String PREFIX = ".wh.";
    /** A file {@code DIR/.wh..wh..opq} hides every lower entry of {@code DIR} (an opaque directory). */
    public static final String OPAQUE = ".wh..wh..opq";

    private Whiteouts() {
    }

    /** The whiteout path that deletes {@code path} ({@code a/b} gives {@code a/.wh.b}). */
    public static String whiteoutFor(String path) {
        String p = Paths.strip(path);
        int slash = p.lastIndexOf('/');
        return slash < 0 ? PREFIX + p : p.substring(0, slash + 1) + PREFIX + p.substring(slash + 1);
    }

    /** The opaque marker path of a directory ({@code a/b} gives {@code a/b/.wh..wh..opq}). */
    public static String opaqueMarkerIn(String dir) {
        return Paths.strip(dir) + "/" + OPAQUE;
    }

    /** Whether a path's last name is a whiteout or an opaque marker (any tar entry name, {@code ./} included). */
    public static boolean isWhiteout(String path) {
        return lastName(path).startsWith(PREFIX);
    }

    /** Whether a path's last name is the opaque marker. */
    public static boolean isOpaqueMarker(String path) {
        return lastName(path).equals(OPAQUE);
    }

    private static String lastName(String path) {
        String p = path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
