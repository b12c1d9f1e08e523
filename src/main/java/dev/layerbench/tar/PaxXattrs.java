package dev.layerbench.tar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The extended attributes one entry's PAX records carry, byte for byte:
 * <ul>
 *   <li>{@code SCHILY.xattr.NAME=VALUE}, the value raw (GNU tar {@code --xattrs}, star, bsdtar, Go, containerd);</li>
 *   <li>{@code LIBARCHIVE.xattr.NAME=VALUE}, the name URL-encoded and the value base64 (bsdtar); it wins over a
 *       SCHILY record of the same name;</li>
 *   <li>{@code SCHILY.acl.access} and {@code SCHILY.acl.default}, ACLs as text (GNU tar and bsdtar {@code --acls}),
 *       as the binary {@code system.posix_acl_*} xattrs, unless the records hold those already.</li>
 * </ul>
 *
 * @param xattrs   name to value, in name order
 * @param problems records that could not be read, one line each (the caller counts them)
 */
public record PaxXattrs(SortedMap<String, byte[]> xattrs, List<String> problems) {

    public static final String SCHILY_XATTR = "SCHILY.xattr.";
    public static final String LIBARCHIVE_XATTR = "LIBARCHIVE.xattr.";
    public static final String SCHILY_ACL_ACCESS = "SCHILY.acl.access";
    public static final String SCHILY_ACL_DEFAULT = "SCHILY.acl.default";

    public static final PaxXattrs NONE = new PaxXattrs(Collections.emptySortedMap(), List.of());

    public PaxXattrs {
        xattrs = Collections.unmodifiableSortedMap(new TreeMap<>(xattrs));
        problems = List.copyOf(problems);
    }

    /** Reads the xattrs out of one entry's records (global and local merged); other records are ignored. */
    public static PaxXattrs of(Map<String, byte[]> records) {
        if (records.isEmpty()) {
            return NONE;
        }
        TreeMap<String, byte[]> x = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, byte[]> r : records.entrySet()) {
            String k = r.getKey();
            if (k.startsWith(SCHILY_XATTR) && k.length() > SCHILY_XATTR.length()) {
                x.putIfAbsent(k.substring(SCHILY_XATTR.length()), r.getValue());
            }
        }
        for (Map.Entry<String, byte[]> r : records.entrySet()) {
            String k = r.getKey();
            if (k.startsWith(LIBARCHIVE_XATTR) && k.length() > LIBARCHIVE_XATTR.length()) {
                try {
                    String name = urlDecode(k.substring(LIBARCHIVE_XATTR.length()));
                    x.put(name, Base64.getDecoder().decode(r.getValue()));
                } catch (IllegalArgumentException e) {
                    problems.add("bad " + LIBARCHIVE_XATTR + " record");
                }
            }
        }
        acl(records, SCHILY_ACL_ACCESS, PosixAcl.ACCESS_XATTR, x, problems);
        acl(records, SCHILY_ACL_DEFAULT, PosixAcl.DEFAULT_XATTR, x, problems);
        return x.isEmpty() && problems.isEmpty() ? NONE : new PaxXattrs(x, problems);
    }

    private static void acl(
            Map<String, byte[]> records, String key, String xattr, Map<String, byte[]> x, List<String> problems) {
        byte[] text = records.get(key);
        if (text == null || text.length == 0 || x.containsKey(xattr)) {
            return; // the binary xattr, when there, is what the writer read from the file: it wins
        }
        try {
            x.put(xattr, PosixAcl.fromText(new String(text, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            // one reason per record name, so the summary counts them; the entry at fault is in the message
            problems.add(key + " not applied ("
                    + (e.getMessage().contains("numeric id") ? "a name without a numeric id" : "unreadable ACL text")
                    + ")");
        }
    }

    /** %XX escapes to bytes, read as UTF-8 ({@code +} stays a plus: libarchive escapes spaces as %20). */
    static String urlDecode(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("truncated escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad escape");
                }
                b.write(hi << 4 | lo);
                i += 2;
            } else {
                b.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
