package dev.layerbench.tar;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A POSIX ACL in the text form tar writers put in {@code SCHILY.acl.access} and {@code SCHILY.acl.default} (GNU tar
 * {@code --acls}: {@code acl_to_text}, one entry a line; bsdtar: comma-separated, a name followed by its numeric id),
 * turned into the binary value of the {@code system.posix_acl_access} / {@code _default} xattr that the kernel takes.
 * Qualifiers must be numeric or carry a numeric id: names are not looked up on this host, whose users are not the
 * image's.
 *
 * @see <a href="https://man7.org/linux/man-pages/man5/acl.5.html">acl(5)</a>
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/posix_acl_xattr.h">posix_acl_xattr.h</a>
 */
public final class PosixAcl {

    public static final String ACCESS_XATTR = "system.posix_acl_access";
    public static final String DEFAULT_XATTR = "system.posix_acl_default";

    static final int VERSION = 2;
    static final int USER_OBJ = 0x01;
    static final int USER = 0x02;
    static final int GROUP_OBJ = 0x04;
    static final int GROUP = 0x08;
    static final int MASK = 0x10;
    static final int OTHER = 0x20;
    static final int UNDEFINED_ID = -1;

    private record Entry(int tag, int perm, int id) {}

    private PosixAcl() {}

    /**
     * The xattr value for an ACL given as text.
     *
     * @throws IllegalArgumentException naming the entry that cannot be read
     */
    public static byte[] fromText(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String raw : text.split("[,\n]")) {
            String e = raw.strip();
            int hash = e.indexOf('#');
            if (hash >= 0) {
                e = e.substring(0, hash).strip(); // getfacl-style "#effective:" comments
            }
            if (e.isEmpty()) {
                continue;
            }
            entries.add(entry(e));
        }
        boolean named = entries.stream().anyMatch(x -> x.tag() == USER || x.tag() == GROUP);
        if (named && entries.stream().noneMatch(x -> x.tag() == MASK)) {
            int mask = 0;
            for (Entry x : entries) {
                if (x.tag() == USER || x.tag() == GROUP || x.tag() == GROUP_OBJ) {
                    mask |= x.perm();
                }
            }
            entries.add(new Entry(MASK, mask, UNDEFINED_ID)); // as setfacl and acl_calc_mask(3) do
        }
        for (int required : new int[] {USER_OBJ, GROUP_OBJ, OTHER}) {
            if (entries.stream().noneMatch(x -> x.tag() == required)) {
                throw new IllegalArgumentException("ACL \"" + oneLine(text) + "\" lacks its "
                        + (required == USER_OBJ ? "user::" : required == GROUP_OBJ ? "group::" : "other::") + " entry");
            }
        }
        // the kernel wants entries by tag, then by id (posix_acl_valid)
        entries.sort(Comparator.comparingInt(Entry::tag).thenComparingLong(x -> Integer.toUnsignedLong(x.id())));
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * entries.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(VERSION);
        for (Entry x : entries) {
            b.putShort((short) x.tag()).putShort((short) x.perm()).putInt(x.id());
        }
        return b.array();
    }

    private static Entry entry(String e) {
        String[] f = e.split(":", -1);
        if (f.length < 2 || f.length > 4) {
            throw new IllegalArgumentException("ACL entry \"" + e + "\" is not tag:qualifier:permissions");
        }
        String tag = f[0];
        boolean qualified = f.length >= 3;
        String qualifier = qualified ? f[1] : "";
        String perms = qualified ? f[2] : f[1];
        String id = f.length == 4 ? f[3] : "";
        int perm = perms(perms, e);
        switch (tag) {
            case "user", "u", "group", "g" -> {
                boolean user = tag.startsWith("u");
                if (qualifier.isEmpty()) {
                    return new Entry(user ? USER_OBJ : GROUP_OBJ, perm, UNDEFINED_ID);
                }
                return new Entry(user ? USER : GROUP, perm, id(qualifier, id, e));
            }
            case "mask", "m" -> {
                return new Entry(MASK, perm, UNDEFINED_ID);
            }
            case "other", "o" -> {
                return new Entry(OTHER, perm, UNDEFINED_ID);
            }
            default -> throw new IllegalArgumentException("ACL entry \"" + e + "\" has an unknown tag \"" + tag + "\"");
        }
    }

    private static int id(String qualifier, String id, String e) {
        String n = qualifier.chars().allMatch(Character::isDigit) ? qualifier : id;
        if (n.isEmpty()
                || !n.chars().allMatch(c -> c >= '0' && c <= '9')
                || n.length() > 10
                || Long.parseLong(n) >= 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ACL entry \"" + e + "\" names \"" + qualifier
                    + "\" without a numeric id (names are not looked up on this host)");
        }
        return (int) Long.parseLong(n);
    }

    private static int perms(String p, String e) {
        int perm = 0;
        for (char c : p.toCharArray()) {
            switch (c) {
                case 'r' -> perm |= 4;
                case 'w' -> perm |= 2;
                case 'x' -> perm |= 1;
                case '-' -> {}
                default -> throw new IllegalArgumentException("ACL entry \"" + e + "\" has permissions \"" + p + "\"");
            }
        }
        return perm;
    }

    private static String oneLine(String s) {
        return s.strip().replace('\n', ',');
    }
}
