package dev.layerbench.unpack;

import dev.layerbench.fs.Posix;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * The attributes of one tar entry that are applied to what it creates.
 *
 * @param mode   permission, set-id and sticky bits
 * @param xattrs from PAX {@code SCHILY.xattr.NAME} records
 */
record EntryMeta(int mode, int uid, int gid, long mtimeSeconds, int mtimeNanos, Map<String, byte[]> xattrs) {

    /** PAX record prefix for extended attributes (GNU tar, star, containerd, umoci). */
    static final String PAX_XATTR = "SCHILY.xattr.";

    /** Prefix of the xattrs holding POSIX ACLs (acl(5)): access and default. */
    static final String ACL_XATTR_PREFIX = "system.posix_acl_";

    /** Whether this entry carries an ACL, which decides the modes of what is made below it afterwards. */
    boolean setsAcl() {
        return xattrs.keySet().stream().anyMatch(k -> k.startsWith(ACL_XATTR_PREFIX));
    }

    static EntryMeta of(TarArchiveEntry e) {
        FileTime t = e.getLastModifiedTime();
        Instant i = t == null ? Instant.EPOCH : t.toInstant();
        Map<String, byte[]> xattrs = Map.of();
        Map<String, String> pax = e.getExtraPaxHeaders();
        if (!pax.isEmpty()) {
            xattrs = new LinkedHashMap<>();
            for (Map.Entry<String, String> p : pax.entrySet()) {
                if (p.getKey().startsWith(PAX_XATTR) && p.getKey().length() > PAX_XATTR.length()) {
                    xattrs.put(p.getKey().substring(PAX_XATTR.length()), p.getValue().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return new EntryMeta(e.getMode() & Posix.MODE_BITS, (int) e.getLongUserId(), (int) e.getLongGroupId(),
                i.getEpochSecond(), i.getNano(), xattrs);
    }
}
