package dev.layerbench.sizing;

import dev.layerbench.oci.EntryKind;

/**
 * One entry of a layer, as sizing needs it.
 *
 * @param path   normalized path, relative, no leading {@code ./} or {@code /}, no trailing slash; for a whiteout the
 *               removed path, for an opaque marker the opaque directory ("" is the root)
 * @param kind   what the entry is
 * @param size   content bytes of a file (0 for anything else)
 * @param sha256 content digest of a file in hex ("" for anything else)
 * @param link   target of a symlink or hard link ("" otherwise)
 * @param mode   permission bits and set-id/sticky bits
 * @param uid    owner
 * @param gid    group
 * @param chunks content-defined chunks of a file ({@link Chunks#NONE} otherwise)
 * @param xattrs     extended attributes the entry sets (capabilities, ACLs, user and trusted ones)
 * @param xattrBytes their names and values as a file system stores them ({@link Filesystem#xattrStoredBytes})
 */
public record SummaryEntry(
        String path,
        EntryKind kind,
        long size,
        String sha256,
        String link,
        int mode,
        int uid,
        int gid,
        Chunks chunks,
        int xattrs,
        long xattrBytes) {

    /** An entry without extended attributes. */
    public SummaryEntry(
            String path,
            EntryKind kind,
            long size,
            String sha256,
            String link,
            int mode,
            int uid,
            int gid,
            Chunks chunks) {
        this(path, kind, size, sha256, link, mode, uid, gid, chunks, 0, 0);
    }

    public SummaryEntry {
        if (path == null || kind == null || sha256 == null || link == null || chunks == null) {
            throw new IllegalArgumentException("summary entry with a missing field");
        }
        if (size < 0) {
            throw new IllegalArgumentException(path + ": negative size " + size);
        }
        if (kind == EntryKind.FILE && size > 0 && sha256.length() != 64) {
            throw new IllegalArgumentException(path + ": a file needs a sha256 of 64 hex digits");
        }
        if (xattrs < 0 || xattrBytes < 0 || (xattrs == 0 && xattrBytes != 0)) {
            throw new IllegalArgumentException(path + ": " + xattrs + " xattrs of " + xattrBytes + " bytes");
        }
        if (kind == EntryKind.FILE && chunks.totalLength() != size) {
            throw new IllegalArgumentException(
                    path + ": chunks cover " + chunks.totalLength() + " of " + size + " bytes");
        }
    }

    /** This entry with the xattrs it sets, sized as {@link Filesystem#xattrStoredBytes} says. */
    public SummaryEntry withXattrs(java.util.Map<String, byte[]> set) {
        long bytes = 0;
        for (java.util.Map.Entry<String, byte[]> x : set.entrySet()) {
            bytes += Filesystem.xattrStoredBytes(x.getKey(), x.getValue());
        }
        return new SummaryEntry(path, kind, size, sha256, link, mode, uid, gid, chunks, set.size(), bytes);
    }
}
