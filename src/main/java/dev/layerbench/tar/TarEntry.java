package dev.layerbench.tar;

import dev.layerbench.oci.LayerPaths;
import dev.layerbench.oci.Whiteouts;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One entry of a layer tar, with every header field the writer puts on disk given here: nothing comes from the host.
 *
 * @param type       file, directory, symlink or hard link
 * @param path       relative, {@code /}-separated; stored without a trailing slash (directories get one in the tar)
 * @param mode       permission bits (up to {@code 07777}); the type bits are added by the writer
 * @param uid        numeric owner; no user name is written
 * @param gid        numeric group; no group name is written
 * @param mtime      modification time, whole seconds since the epoch
 * @param content    the bytes of a regular file ({@link Content#EMPTY} for the other types)
 * @param linkTarget where a symlink points, or the path a hard link names; empty for the other types
 * @param xattrs     extended attributes, name to value (bytes, copied in; not to be changed), written as
 *                   {@code SCHILY.xattr.NAME} PAX records in name order, each value byte for byte
 */
public record TarEntry(
        EntryType type,
        String path,
        int mode,
        long uid,
        long gid,
        long mtime,
        Content content,
        String linkTarget,
        SortedMap<String, byte[]> xattrs) {

    /** The fixed mtime entries get unless told otherwise: the epoch. */
    public static final long FIXED_MTIME = 0L;

    public static final int FILE_MODE = 0644;
    public static final int DIR_MODE = 0755;
    public static final int SYMLINK_MODE = 0777;

    public TarEntry {
        if (type == null) {
            throw new IllegalArgumentException("entry without a type");
        }
        path = LayerPaths.strict(path);
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException(path + ": mode " + Integer.toOctalString(mode) + " is not within 07777");
        }
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException(path + ": negative uid or gid");
        }
        if (mtime < 0) {
            throw new IllegalArgumentException(path + ": negative mtime " + mtime);
        }
        content = content == null ? Content.EMPTY : content;
        if (type != EntryType.FILE && content.size() != 0) {
            throw new IllegalArgumentException(path + ": only regular files have content");
        }
        linkTarget = linkTarget == null ? "" : linkTarget;
        boolean link = type == EntryType.SYMLINK || type == EntryType.HARDLINK;
        if (link == linkTarget.isEmpty()) {
            throw new IllegalArgumentException(
                    path + (link ? ": link without a target" : ": only links have a target"));
        }
        if (type == EntryType.HARDLINK) {
            linkTarget = LayerPaths.strict(linkTarget);
        }
        TreeMap<String, byte[]> sorted = new TreeMap<>();
        for (Map.Entry<String, byte[]> x : (xattrs == null ? Map.<String, byte[]>of() : xattrs).entrySet()) {
            String name = x.getKey();
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0 || name.indexOf('\n') >= 0) {
                throw new IllegalArgumentException(path + ": bad xattr name \"" + name + "\"");
            }
            if (x.getValue() == null) {
                throw new IllegalArgumentException(path + ": xattr " + name + " without a value");
            }
            sorted.put(name, x.getValue().clone());
        }
        xattrs = Collections.unmodifiableSortedMap(sorted);
    }

    /** A regular file owned by root, mode 0644, fixed mtime. */
    public static TarEntry file(String path, Content content) {
        return new TarEntry(EntryType.FILE, path, FILE_MODE, 0, 0, FIXED_MTIME, content, "", null);
    }

    /** A regular file holding {@code bytes}. */
    public static TarEntry file(String path, byte[] bytes) {
        return file(path, Content.of(bytes));
    }

    /** A directory owned by root, mode 0755, fixed mtime. */
    public static TarEntry dir(String path) {
        return new TarEntry(EntryType.DIRECTORY, path, DIR_MODE, 0, 0, FIXED_MTIME, Content.EMPTY, "", null);
    }

    /** A symlink at {@code path} pointing at {@code target} (taken as is, relative or absolute). */
    public static TarEntry symlink(String path, String target) {
        return new TarEntry(EntryType.SYMLINK, path, SYMLINK_MODE, 0, 0, FIXED_MTIME, Content.EMPTY, target, null);
    }

    /** A hard link at {@code path} to the file at {@code target}, which must come earlier in the same tar. */
    public static TarEntry hardLink(String path, String target) {
        return new TarEntry(EntryType.HARDLINK, path, FILE_MODE, 0, 0, FIXED_MTIME, Content.EMPTY, target, null);
    }

    /** The whiteout that deletes {@code deletedPath} of the lower layers ({@link Whiteouts#whiteoutFor}). */
    public static TarEntry whiteout(String deletedPath) {
        return new TarEntry(
                EntryType.FILE, Whiteouts.whiteoutFor(deletedPath), 0, 0, 0, FIXED_MTIME, Content.EMPTY, "", null);
    }

    /** The marker that makes {@code dir} opaque: the lower layers' content of it is hidden ({@link Whiteouts#OPAQUE}). */
    public static TarEntry opaque(String dir) {
        return new TarEntry(
                EntryType.FILE, Whiteouts.opaqueMarkerIn(dir), 0, 0, 0, FIXED_MTIME, Content.EMPTY, "", null);
    }

    public TarEntry withMode(int newMode) {
        return new TarEntry(type, path, newMode, uid, gid, mtime, content, linkTarget, xattrs);
    }

    public TarEntry withOwner(long newUid, long newGid) {
        return new TarEntry(type, path, mode, newUid, newGid, mtime, content, linkTarget, xattrs);
    }

    public TarEntry withMtime(long seconds) {
        return new TarEntry(type, path, mode, uid, gid, seconds, content, linkTarget, xattrs);
    }

    /** This entry with one more xattr, its value given as bytes. */
    public TarEntry withXattr(String name, byte[] value) {
        TreeMap<String, byte[]> more = new TreeMap<>(xattrs);
        more.put(name, value);
        return new TarEntry(type, path, mode, uid, gid, mtime, content, linkTarget, more);
    }

    /** This entry with one more xattr whose value is text (stored as its UTF-8 bytes). */
    public TarEntry withXattr(String name, String value) {
        return withXattr(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** This entry with these xattrs in place of its own. */
    public TarEntry withXattrs(Map<String, byte[]> all) {
        return new TarEntry(type, path, mode, uid, gid, mtime, content, linkTarget, new TreeMap<>(all));
    }

    /** The content's size for files, 0 otherwise. */
    public long size() {
        return content.size();
    }
}
