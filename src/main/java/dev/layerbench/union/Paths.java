package dev.layerbench.union;

import java.util.ArrayList;
import java.util.List;

/** Relative view paths: split, join, parent. */
public final class Paths {

    private Paths() {
    }

    public static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                if (i > start) {
                    parts.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        return parts;
    }

    /** Normalizes a view path: no leading or trailing slash, no empty or "." components. */
    public static String normalize(String path) {
        if (path.isEmpty() || (path.indexOf("//") < 0 && path.charAt(0) != '/' && path.charAt(path.length() - 1) != '/'
                && !path.equals(".") && !path.startsWith("./") && !path.contains("/./"))) {
            return path;
        }
        List<String> parts = split(path);
        parts.removeIf(p -> p.equals("."));
        return String.join("/", parts);
    }

    public static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }
}
