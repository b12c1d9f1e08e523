package dev.layerbench.container;

import dev.layerbench.fs.Posix;
import dev.layerbench.image.MediaTypes;
import dev.layerbench.oci.EntryKind;
import dev.layerbench.oci.Whiteouts;
import dev.layerbench.store.BlobStore;
import dev.layerbench.store.Descriptor;
import dev.layerbench.tar.Content;
import dev.layerbench.tar.LayerDigests;
import dev.layerbench.tar.LayerWriter;
import dev.layerbench.tar.LayerWriterOptions;
import dev.layerbench.tar.TarEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code docker commit}: a container's upper directory becomes an OCI layer in the store, with whiteouts as
 * {@code .wh.NAME} entries and opaque directories as {@code .wh..wh..opq} markers, entries sorted and headers fixed by
 * the deterministic {@link LayerWriter}, so the same changes always give the same digest. Xattrs go as
 * {@code SCHILY.xattr.*} records, their values byte for byte.
 */
public final class Commit {

    /** The committed layer: its descriptor in the store and its diff_id. */
    public record Result(Descriptor descriptor, LayerDigests digests) {}

    private Commit() {}

    public static Result commit(Container container, BlobStore store, CommitOptions options) throws IOException {
        List<TarEntry> entries = entries(container, options);
        Path temp = Files.createTempFile(store.root(), ".commit-", ".tar");
        try {
            LayerDigests digests;
            try (OutputStream out = Files.newOutputStream(temp)) {
                digests = LayerWriter.write(
                        out,
                        entries,
                        LayerWriterOptions.of(options.compression()).sorted());
            }
            try (InputStream in = Files.newInputStream(temp)) {
                store.put(in, digests.digest(), digests.size());
            }
            Descriptor d = new Descriptor(MediaTypes.ociLayer(options.compression()), digests.digest(), digests.size());
            return new Result(d, digests);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static List<TarEntry> entries(Container container, CommitOptions options) throws IOException {
        SortedMap<String, EntryKind> upper = container.upperEntries();
        List<TarEntry> entries = new ArrayList<>();
        Map<Object, String> firstPathOfInode = new HashMap<>();
        for (Map.Entry<String, EntryKind> e : upper.entrySet()) {
            String path = e.getKey();
            Path real = container.upper().resolve(path);
            if (e.getValue() == EntryKind.WHITEOUT) {
                entries.add(TarEntry.whiteout(path));
                continue;
            }
            Map<String, Object> a = Files.readAttributes(
                    real, "unix:mode,uid,gid,ino,dev,nlink,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode") & Posix.MODE_BITS;
            long mtime = options.mtime()
                    .orElse(((java.nio.file.attribute.FileTime) a.get("lastModifiedTime"))
                            .toInstant()
                            .getEpochSecond());
            TarEntry t = switch (e.getValue()) {
                case DIRECTORY -> TarEntry.dir(path);
                case SYMLINK ->
                    TarEntry.symlink(path, Files.readSymbolicLink(real).toString());
                case FILE -> {
                    Object inode = a.get("dev") + ":" + a.get("ino");
                    String first = (Integer) a.get("nlink") > 1 ? firstPathOfInode.putIfAbsent(inode, path) : null;
                    yield first != null
                            ? TarEntry.hardLink(path, first)
                            : TarEntry.file(path, Content.ofFile(real, (Long) a.get("size")));
                }
                default -> throw new IOException(path + ": cannot commit a " + e.getValue());
            };
            if (e.getValue() != EntryKind.SYMLINK && t.type() != dev.layerbench.tar.EntryType.HARDLINK) {
                t = t.withMode(mode);
            }
            if (t.type() != dev.layerbench.tar.EntryType.HARDLINK) {
                t = t.withXattrs(xattrs(real));
            }
            entries.add(
                    t.withOwner((Integer) a.get("uid"), (Integer) a.get("gid")).withMtime(mtime));
            if (e.getValue() == EntryKind.DIRECTORY && container.upperOpaque(path)) {
                entries.add(TarEntry.opaque(path));
            }
        }
        return entries;
    }

    /**
     * A committed entry's xattrs, byte for byte (capabilities, ACLs, user and trusted ones), less overlayfs's own,
     * whose meaning the layer carries as whiteouts and opaque markers.
     */
    static Map<String, byte[]> xattrs(Path real) throws IOException {
        Map<String, byte[]> all = Posix.lgetxattrs(real);
        all.keySet().removeIf(name -> name.startsWith(Whiteouts.OVERLAY_XATTR_PREFIX));
        return all;
    }
}
