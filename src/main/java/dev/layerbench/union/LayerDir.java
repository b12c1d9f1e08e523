package dev.layerbench.union;

import dev.layerbench.fs.Posix;
import dev.layerbench.fs.PosixException;
import dev.layerbench.oci.EntryKind;
import dev.layerbench.oci.Whiteouts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One read-only layer directory. Its directory listings, classified, are read once and kept ({@link #listing}); the
 * {@code *Uncached} methods go to the disk every time, for the naive lookup.
 */
public final class LayerDir {

    private static final int S_IFMT = Posix.S_IFMT;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    /** A directory of this layer: whether it exists as a directory here, whether it is opaque, and its entries. */
    public record Listing(boolean exists, boolean opaque, Map<String, LayerEntry> entries) {
        static final Listing ABSENT = new Listing(false, false, Map.of());
    }

    private final Path root;
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();

    LayerDir(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Where a relative path of this layer is on disk. */
    public Path resolve(String relative) {
        return relative.isEmpty() ? root : root.resolve(relative);
    }

    /** The classified listing of a directory of this layer, read once. */
    public Listing listing(String relDir) {
        return listings.computeIfAbsent(relDir, this::scan);
    }

    private Listing scan(String relDir) {
        Path dir = resolve(relDir);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Listing.ABSENT;
        }
        Map<String, LayerEntry> entries = new HashMap<>();
        boolean opaque = overlayOpaque(dir);
        java.util.List<String> whitedOut = new java.util.ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.equals(Whiteouts.OPAQUE)) {
                    opaque = true;
                } else if (name.startsWith(Whiteouts.PREFIX)) {
                    String hidden = name.substring(Whiteouts.PREFIX.length());
                    whitedOut.add(hidden);
                    entries.putIfAbsent(hidden, new LayerEntry(hidden, EntryKind.WHITEOUT, 0, 0, false, child));
                } else {
                    LayerEntry e = classify(child, name);
                    if (e != null) {
                        entries.put(name, e); // a real entry beats an OCI whiteout of the same name
                    }
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Listing.ABSENT;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!whitedOut.isEmpty()) {
            for (String name : whitedOut) {
                LayerEntry e = entries.get(name);
                if (e != null && e.kind() == EntryKind.DIRECTORY && !e.opaque()) {
                    entries.put(name, sameLayerWhiteout(e));
                }
            }
        }
        return new Listing(true, opaque, Map.copyOf(entries));
    }

    /** One name looked up on disk, with OCI whiteouts checked beside it: what the naive lookup does per layer. */
    LayerEntry entryUncached(String relParent, String name) {
        Path parent = resolve(relParent);
        Path p = parent.resolve(name);
        LayerEntry e = classify(p, name);
        Path whiteout = parent.resolve(Whiteouts.PREFIX + name);
        if (e != null) {
            return e.kind() == EntryKind.DIRECTORY && !e.opaque() && Files.exists(whiteout, LinkOption.NOFOLLOW_LINKS)
                    ? sameLayerWhiteout(e)
                    : e;
        }
        if (Files.exists(whiteout, LinkOption.NOFOLLOW_LINKS)) {
            return new LayerEntry(name, EntryKind.WHITEOUT, 0, 0, false, whiteout);
        }
        return null;
    }

    /**
     * A directory whose layer also holds a whiteout of its name: the whiteout hides the lower layers' directory and the
     * layer's own directory stands alone, so it is opaque (image-spec layer.md: a whiteout applies only to lower layers;
     * entries of its own layer stay). Without this, the lower directory's files would show through it.
     */
    private static LayerEntry sameLayerWhiteout(LayerEntry dir) {
        return new LayerEntry(dir.name(), dir.kind(), dir.mode(), dir.size(), true, dir.path());
    }

    /** Classifies a path on disk; null when absent. Directories get their opaque flag. */
    public static LayerEntry classify(Path p, String name) {
        Map<String, Object> attrs;
        try {
            attrs = Files.readAttributes(p, "unix:mode,rdev,size", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int mode = (Integer) attrs.get("mode");
        long size = (Long) attrs.get("size");
        int type = mode & S_IFMT;
        EntryKind kind;
        boolean opaque = false;
        if (type == S_IFREG) {
            kind = EntryKind.FILE;
        } else if (type == S_IFDIR) {
            kind = EntryKind.DIRECTORY;
            opaque = overlayOpaque(p) || Files.exists(p.resolve(Whiteouts.OPAQUE), LinkOption.NOFOLLOW_LINKS);
        } else if (type == S_IFLNK) {
            kind = EntryKind.SYMLINK;
        } else if (type == Posix.S_IFCHR && ((Long) attrs.get("rdev")) == 0L) {
            kind = EntryKind.WHITEOUT;
        } else {
            kind = EntryKind.OTHER;
        }
        return new LayerEntry(name, kind, mode & Posix.MODE_BITS, kind == EntryKind.FILE ? size : 0, opaque, p);
    }

    private static boolean overlayOpaque(Path dir) {
        try {
            Optional<byte[]> v = Posix.lgetxattr(dir, Whiteouts.OVERLAY_OPAQUE_XATTR);
            return v.isPresent() && new String(v.get(), StandardCharsets.US_ASCII).equals("y");
        } catch (PosixException e) {
            return false; // not permitted to read trusted.* (not root), or no xattrs on this filesystem
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
