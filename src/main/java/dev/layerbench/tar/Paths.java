package dev.layerbench.tar;

/** Checks and normalises layer entry paths: relative, {@code /}-separated, no {@code .} or {@code ..} components. */
final class Paths {

    private Paths() {
    }

    /**
     * The path without leading {@code ./} or {@code /} and without a trailing {@code /}.
     *
     * @throws IllegalArgumentException for an empty path or one with {@code .}, {@code ..} or empty components
     */
    static String strip(String path) {
        if (path == null) {
            throw new IllegalArgumentException("entry path is null");
        }
        String p = path;
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
            throw new IllegalArgumentException("empty entry path: \"" + path + "\"");
        }
        for (String part : p.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("entry path with an empty, '.' or '..' component: \"" + path + "\"");
            }
        }
        if (p.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("entry path with a NUL character: \"" + path.replace('\0', '?') + "\"");
        }
        return p;
    }
}
