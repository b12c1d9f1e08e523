package dev.layerbench.layout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a traced command opened, from {@code strace -f -y -e trace=open,openat,execve -e status=successful}: an
 * {@code open}/{@code openat} that returned a descriptor names the file it opened ({@code -y} decodes it as the path
 * the tracer sees), an {@code execve} the program it ran (as the caller wrote it, inside the root). Only paths under
 * {@code root} count (what the tracer's own tools opened before {@code chroot} does not), given relative to it.
 */
final class StraceLog {

    private static final Pattern OPENED = Pattern.compile("(?:open|openat)(?:\\(| resumed>).*= \\d+<(.*)>$");
    private static final Pattern EXECVE = Pattern.compile("execve\\(\"((?:[^\"\\\\]|\\\\.)*)\"");

    private StraceLog() {}

    /** Paths relative to {@code root}, in the order first opened (duplicates kept; callers dedupe). */
    static List<String> opened(List<String> lines, Path root) {
        String prefix = root.toAbsolutePath().normalize() + "/";
        List<String> out = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            Matcher m = OPENED.matcher(line);
            if (m.find()) {
                String p = unescape(m.group(1));
                if (p.startsWith(prefix)) {
                    out.add(p.substring(prefix.length()));
                    inside = true;
                }
                continue;
            }
            Matcher e = EXECVE.matcher(line);
            if (e.find()) {
                String p = unescape(e.group(1));
                // the tracer's own unshare and chroot run from the host; the shell chroot starts is the first inside
                if (p.endsWith("/unshare") || p.endsWith("/chroot") || p.equals("unshare") || p.equals("chroot")) {
                    continue;
                }
                inside = true;
                out.add(p.startsWith("/") ? p.substring(1) : p);
            }
        }
        return inside ? out : List.of();
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                if (n >= '0' && n <= '7' && i + 2 < s.length()) {
                    b.append((char) Integer.parseInt(s.substring(i, i + 3), 8));
                    i += 2;
                } else {
                    b.append(
                            switch (n) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                default -> n;
                            });
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
