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
 */
public record SummaryEntry(String path, EntryKind kind, long size, String sha256, String link, int mode, int uid, int gid,
                           Chunks chunks) {

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
        if (kind == EntryKind.FILE && chunks.totalLength() != size) {
            throw new IllegalArgumentException(path + ": chunks cover " + chunks.totalLength() + " of " + size + " bytes");
        }
    }
}
