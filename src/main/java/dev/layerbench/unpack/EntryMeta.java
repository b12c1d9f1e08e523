package dev.layerbench.unpack;

import dev.layerbench.fs.Posix;
import dev.layerbench.tar.PaxXattrs;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * The attributes of one tar entry that are applied to what it creates.
 *
 * @param mode   permission, set-id and sticky bits
 * @param xattrs from the PAX records ({@link PaxXattrs}), name to value, byte for byte
 */
record EntryMeta(int mode, int uid, int gid, long mtimeSeconds, int mtimeNanos, Map<String, byte[]> xattrs) {

    /** Prefix of the xattrs holding POSIX ACLs (acl(5)): access and default. */
    static final String ACL_XATTR_PREFIX = "system.posix_acl_";

    /** Whether this entry carries an ACL, which decides the modes of what is made below it afterwards. */
    boolean setsAcl() {
        return xattrs.keySet().stream().anyMatch(k -> k.startsWith(ACL_XATTR_PREFIX));
    }

    /** The entry's attributes, with the xattrs its PAX records gave byte for byte. */
    static EntryMeta of(TarArchiveEntry e, PaxXattrs x) {
        FileTime t = e.getLastModifiedTime();
        Instant i = t == null ? Instant.EPOCH : t.toInstant();
        Map<String, byte[]> xattrs = x.xattrs().isEmpty() ? Map.of() : x.xattrs();
        return new EntryMeta(
                e.getMode() & Posix.MODE_BITS,
                (int) e.getLongUserId(),
                (int) e.getLongGroupId(),
                i.getEpochSecond(),
                i.getNano(),
                xattrs);
    }
}
