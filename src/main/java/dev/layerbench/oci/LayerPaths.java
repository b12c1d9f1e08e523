package dev.layerbench.oci;

import java.util.ArrayList;
import java.util.List;

/**
 * Paths inside a layer or a root built from layers: relative, {@code /}-separated, the root is {@code ""}.
 *
 * <p><b>The rule</b> ({@link #clean}), for every name read from a tar or asked of a view: the name is cleaned
 * lexically as if it were joined to {@code /}, as umoci's and runc's {@code CleanPath} do: empty parts ({@code //},
 * a leading or trailing {@code /}) and {@code .} parts are dropped, a {@code ..} part removes the part before it and
 * never climbs above the root ({@code ../../etc} is {@code etc}, {@code a/../b} is {@code b}). Symlinks are not looked
 * at: a reader that follows them (the unpacker, a view's {@code stat}) does so after cleaning.
 *
 * <p>A writer is stricter ({@link #strict}): it writes only names that are already clean and not the root, so a layer
 * it makes means the same to every reader, cleaning or not.
 */
public final class LayerPaths {

    private LayerPaths() {}

    /** The clean form of {@code name} by the rule above; {@code ""} for the root. */
    public static String clean(String name) {
        return isClean(name) ? name : String.join("/", components(name));
    }

    /** The parts of {@code name} cleaned by the rule above; empty for the root. */
    public static List<String> components(String name) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '/') {
                String p = name.substring(start, i);
                start = i + 1;
                if (p.isEmpty() || p.equals(".")) {
                    continue;
                }
                if (p.equals("..")) {
                    if (!parts.isEmpty()) {
                        parts.removeLast();
                    }
                    continue;
                }
                parts.add(p);
            }
        }
        return parts;
    }

    /**
     * A name a writer may put in a layer: leading {@code ./} and {@code /} and trailing {@code /} are dropped; what is
     * left must be non-empty, with no empty, {@code .} or {@code ..} part and no NUL.
     *
     * @throws IllegalArgumentException otherwise, naming the path
     */
    public static String strict(String name) {
        if (name == null) {
            throw new IllegalArgumentException("entry path is null");
        }
        String p = name;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException("empty entry path: \"" + name + "\"");
        }
        if (!isClean(p)) {
            throw new IllegalArgumentException("entry path with an empty, '.' or '..' component: \"" + name + "\"");
        }
        if (p.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("entry path with a NUL character: \"" + name.replace('\0', '?') + "\"");
        }
        return p;
    }

    /** Whether {@link #clean} leaves {@code name} as it is: no empty, {@code .} or {@code ..} part (the root is clean). */
    public static boolean isClean(String name) {
        int n = name.length();
        if (n == 0) {
            return true;
        }
        // A part is empty only at a leading or trailing '/' or inside "//", and is "." or ".." only if it starts with
        // '.', at the start or after a '/'. Checked with String's intrinsic searches first: union lookups clean every
        // name they are given, and the per-character scan below cost them a few percent (results/gate/README.md).
        char first = name.charAt(0);
        if (first != '.'
                && first != '/'
                && name.charAt(n - 1) != '/'
                && name.indexOf("/.") < 0
                && name.indexOf("//") < 0) {
            return true;
        }
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || name.charAt(i) == '/') {
                int len = i - start;
                if (n > 0
                        && (len == 0
                                || (name.charAt(start) == '.'
                                        && (len == 1 || (len == 2 && name.charAt(start + 1) == '.'))))) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /** {@code dir/name}, or {@code name} in the root. */
    public static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    /** The directory of a clean path: {@code a/b} gives {@code a}, {@code a} gives the root {@code ""}. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The last part of a path, trailing {@code /} ignored: {@code a/b/} gives {@code b}. */
    public static String baseName(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(path.lastIndexOf('/', end - 1) + 1, end);
    }
}
