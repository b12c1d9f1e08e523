package dev.layerbench.sizing;

import dev.layerbench.digest.Digest;
import dev.layerbench.digest.Sha256;
import dev.layerbench.tar.PaxTarInputStream;
import dev.layerbench.tar.PaxXattrs;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Reads a layer tar once, front to back, and lists its entries: no unpacking, each file's SHA-256 and chunks computed
 * while its content streams past. The stream is decorated, not owned: the caller closes it (and checks its digests).
 */
public final class Summarizer {

    /**
     * Whiteout prefix: {@code .wh.NAME} removes NAME.
     *
     * @see <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md#whiteouts">image-spec layer.md, Whiteouts</a>
     */
    public static final String WHITEOUT_PREFIX = ".wh.";
    /** Names beginning {@code .wh..wh.} are reserved (image-spec layer.md). */
    public static final String RESERVED_PREFIX = ".wh..wh.";
    /**
     * Opaque marker: {@code DIR/.wh..wh..opq} hides the lower layers' content of DIR.
     *
     * @see <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md#opaque-whiteout">image-spec layer.md, Opaque Whiteout</a>
     */
    public static final String OPAQUE = ".wh..wh..opq";

    /** overlayfs's own xattrs, which an unpack ignores in a layer. */
    static final String OVERLAY_XATTR_PREFIX = "trusted.overlay.";

    private static final int BUFFER = 256 * 1024;

    private Summarizer() {
    }

    /** Summarizes the uncompressed tar {@code tar} of the layer {@code diffId}; {@code where} names it in errors. */
    public static LayerSummary summarize(InputStream tar, Digest diffId, String where) throws IOException {
        List<SummaryEntry> entries = new ArrayList<>();
        byte[] buffer = new byte[BUFFER];
        // not closed: closing would close the caller's stream
        PaxTarInputStream in = PaxTarInputStream.open(tar);
        TarArchiveEntry e;
        try {
            while ((e = in.getNextEntry()) != null) {
                SummaryEntry s = entry(in, e, buffer, where);
                if (s != null) {
                    entries.add(xattrs(s, in.xattrs()));
                }
            }
        } catch (IllegalArgumentException bad) {
            throw new SizingException(where + ": " + bad.getMessage());
        }
        // the tar's end-of-archive blocks and any padding: read so the caller's digests cover the whole stream
        tar.transferTo(java.io.OutputStream.nullOutputStream());
        return new LayerSummary(diffId, entries);
    }

    /** The xattrs an unpack sets on the entry's file: not on whiteouts or hard links, not overlayfs's own. */
    private static SummaryEntry xattrs(SummaryEntry s, PaxXattrs x) {
        if (x.xattrs().isEmpty() || s.kind() == EntryKind.WHITEOUT || s.kind() == EntryKind.OPAQUE
                || s.kind() == EntryKind.HARDLINK) {
            return s;
        }
        java.util.Map<String, byte[]> set = new java.util.TreeMap<>(x.xattrs());
        set.keySet().removeIf(name -> name.startsWith(OVERLAY_XATTR_PREFIX));
        return set.isEmpty() ? s : s.withXattrs(set);
    }

    private static SummaryEntry entry(PaxTarInputStream in, TarArchiveEntry e, byte[] buffer, String where)
            throws IOException {
        String path = normalize(e.getName(), where);
        int mode = e.getMode() & 07777;
        int uid = (int) e.getLongUserId();
        int gid = (int) e.getLongGroupId();
        String name = SummaryEntry.name(path);
        if (name.startsWith(WHITEOUT_PREFIX)) {
            String dir = SummaryEntry.parent(path);
            if (name.equals(OPAQUE)) {
                return new SummaryEntry(dir, EntryKind.OPAQUE, 0, "", "", mode, uid, gid, Chunks.NONE);
            }
            if (name.startsWith(RESERVED_PREFIX)) {
                return null; // reserved, meaningless: unpackers skip it too
            }
            String removed = name.substring(WHITEOUT_PREFIX.length());
            return new SummaryEntry(dir.isEmpty() ? removed : dir + "/" + removed, EntryKind.WHITEOUT, 0, "", "", mode, uid, gid,
                    Chunks.NONE);
        }
        if (e.isLink()) {
            return new SummaryEntry(path, EntryKind.HARDLINK, 0, "", normalize(e.getLinkName(), where), mode, uid, gid, Chunks.NONE);
        }
        if (e.isSymbolicLink()) {
            return new SummaryEntry(path, EntryKind.SYMLINK, 0, "", e.getLinkName(), mode, uid, gid, Chunks.NONE);
        }
        if (e.isDirectory()) {
            return new SummaryEntry(path, EntryKind.DIR, 0, "", "", mode, uid, gid, Chunks.NONE);
        }
        if (e.isFile()) {
            MessageDigest sha = Sha256.newDigest();
            Chunker chunker = new Chunker();
            long size = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
                chunker.update(buffer, 0, n);
                size += n;
            }
            if (size != e.getSize()) {
                throw new SizingException(where + ": " + path + ": truncated, " + size + " of " + e.getSize() + " bytes");
            }
            return new SummaryEntry(path, EntryKind.FILE, size, HexFormat.of().formatHex(sha.digest()), "", mode, uid, gid,
                    chunker.finish());
        }
        return new SummaryEntry(path, EntryKind.OTHER, 0, "", "", mode, uid, gid, Chunks.NONE);
    }

    /** {@code ./a/b/}, {@code /a/b} and {@code a/b} are all {@code a/b}; the root is "". */
    static String normalize(String name, String where) throws SizingException {
        String p = name;
        while (p.startsWith("./") || p.startsWith("/")) {
            p = p.substring(p.startsWith("./") ? 2 : 1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals(".")) {
            return "";
        }
        for (String part : p.split("/", -1)) {
            if (part.equals("..") || (part.isEmpty() && !p.isEmpty()) || part.equals(".")) {
                throw new SizingException(where + ": entry \"" + name + "\" has an empty, . or .. path element");
            }
        }
        return p;
    }

}
