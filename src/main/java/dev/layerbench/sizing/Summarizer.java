package dev.layerbench.sizing;

import dev.layerbench.digest.Digest;
import dev.layerbench.digest.Sha256;
import dev.layerbench.oci.EntryKind;
import dev.layerbench.oci.LayerPaths;
import dev.layerbench.oci.Whiteouts;
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

    private static final int BUFFER = 256 * 1024;

    private Summarizer() {}

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
        if (x.xattrs().isEmpty()
                || s.kind() == EntryKind.WHITEOUT
                || s.kind() == EntryKind.OPAQUE
                || s.kind() == EntryKind.HARDLINK) {
            return s;
        }
        java.util.Map<String, byte[]> set = new java.util.TreeMap<>(x.xattrs());
        set.keySet().removeIf(name -> name.startsWith(Whiteouts.OVERLAY_XATTR_PREFIX));
        return set.isEmpty() ? s : s.withXattrs(set);
    }

    private static SummaryEntry entry(PaxTarInputStream in, TarArchiveEntry e, byte[] buffer, String where)
            throws IOException {
        String path = LayerPaths.clean(e.getName());
        int mode = e.getMode() & 07777;
        int uid = (int) e.getLongUserId();
        int gid = (int) e.getLongGroupId();
        if (path.isEmpty() && !e.isDirectory()) {
            return null; // names the root but is not a directory: unpack skips it too
        }
        if (Whiteouts.isMarker(path)) {
            String dir = LayerPaths.parent(path);
            if (Whiteouts.isOpaque(path)) {
                return new SummaryEntry(dir, EntryKind.OPAQUE, 0, "", "", mode, uid, gid, Chunks.NONE);
            }
            if (Whiteouts.isReserved(path)) {
                return null; // reserved, meaningless: unpackers skip it too
            }
            return new SummaryEntry(
                    LayerPaths.join(dir, Whiteouts.removedName(path)),
                    EntryKind.WHITEOUT,
                    0,
                    "",
                    "",
                    mode,
                    uid,
                    gid,
                    Chunks.NONE);
        }
        if (e.isLink()) {
            return new SummaryEntry(
                    path, EntryKind.HARDLINK, 0, "", LayerPaths.clean(e.getLinkName()), mode, uid, gid, Chunks.NONE);
        }
        if (e.isSymbolicLink()) {
            return new SummaryEntry(path, EntryKind.SYMLINK, 0, "", e.getLinkName(), mode, uid, gid, Chunks.NONE);
        }
        if (e.isDirectory()) {
            return new SummaryEntry(path, EntryKind.DIRECTORY, 0, "", "", mode, uid, gid, Chunks.NONE);
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
                throw new SizingException(
                        where + ": " + path + ": truncated, " + size + " of " + e.getSize() + " bytes");
            }
            return new SummaryEntry(
                    path,
                    EntryKind.FILE,
                    size,
                    HexFormat.of().formatHex(sha.digest()),
                    "",
                    mode,
                    uid,
                    gid,
                    chunker.finish());
        }
        return new SummaryEntry(path, EntryKind.OTHER, 0, "", "", mode, uid, gid, Chunks.NONE);
    }
}
