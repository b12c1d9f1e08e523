package dev.layerbench.sizing;

import dev.layerbench.oci.EntryKind;
import dev.layerbench.oci.LayerPaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The size of an EROFS image as Debian 12's erofs-utils 1.5 writes it ({@code mkfs.erofs --preserve-mtime}, no
 * compression, 4 KiB blocks), from the entries of the tree it is made from. What mkfs.erofs 1.5 writes, from its source
 * ({@code lib/inode.c}, {@code lib/xattr.c}, {@code lib/blobchunk.c}, {@code lib/cache.c}):
 * <ul>
 * <li>block 0: the superblock alone; shared xattrs (a name and value that 3 or more inodes carry: the default
 *     tolerance of 2) in a block of their own;</li>
 * <li>per inode an extended inode (64 bytes: a modification time other than the build time needs one, and
 *     {@code --preserve-mtime} keeps every file's), then its xattr body (a 12-byte header, 4 bytes per shared xattr,
 *     {@code 4 + name + value} rounded to 4 per inline one; {@code trusted.} is a prefix index, not stored), then its
 *     inline tail; each inode starts on a 32-byte slot and never crosses a block with its tail. These are packed into
 *     metadata blocks (best fit, modelled as no waste);</li>
 * <li>a file's whole blocks, a directory's whole blocks ({@code 12 + name} per entry, {@code .} and {@code ..}
 *     included, an entry never crossing a block), as data blocks; the tail (size mod 4096) of a file, directory or
 *     symlink inline after the inode when inode, xattrs and tail fit one block, else a block of its own;</li>
 * <li>{@link Form#METADATA}: every non-empty regular file is chunk-based ({@code --chunksize=4096}): 4 bytes of
 *     chunk index per 4 KiB after the inode (the inode and xattrs rounded to 8 first), no inline tail, and its chunks in
 *     a blob appended to the image, each distinct chunk content once, padded to a block. Version 1.5 cannot write
 *     holes (no null chunks): a file of holes stores one zero block (any file of 4 KiB or more) and one zero block per
 *     distinct tail length (size mod 4096), so up to 4,096 blocks per image, where composefs' own writer stores none.</li>
 * </ul>
 * Hard links are one inode (a directory entry more). Whiteouts are 0/0 character devices: an inode, no data.
 */
final class ErofsImageModel {

    /** What the image is made from. */
    enum Form {
        /** A layer directory in overlay form (containerd's EROFS snapshotter): whole files, whiteouts as devices. */
        LAYER,
        /**
         * A composefs-style metadata tree: each non-empty regular file a hole of its size carrying
         * {@code trusted.overlay.metacopy} (empty) and {@code trusted.overlay.redirect} ({@code /<2 hex>/<sha256>}).
         */
        METADATA
    }

    static final int BLOCK = 4096;
    static final int INODE = 64;
    static final int SLOT = 32;
    static final int XATTR_HEADER = 12;
    static final int XATTR_ENTRY = 4;
    static final int SHARED_XATTR_REF = 4;
    /** A name and value carried by more inodes than this is shared (cfg.c_inline_xattr_tolerance). */
    static final int XATTR_TOLERANCE = 2;

    static final int DIRENT = 12;
    static final int CHUNK_INDEX = 4;
    /** {@code trusted.overlay.metacopy}, empty: name "overlay.metacopy" after the prefix index. */
    static final int METACOPY_NAME = "overlay.metacopy".length();
    /** {@code trusted.overlay.redirect}: name "overlay.redirect", value {@code /<2 hex>/<64 hex>}. */
    static final int REDIRECT_NAME = "overlay.redirect".length();

    static final int REDIRECT_VALUE = 1 + 2 + 1 + 64;
    /** {@code trusted.overlay.opaque = y} on an opaque directory of a layer. */
    static final int OPAQUE_NAME = "overlay.opaque".length();

    private ErofsImageModel() {}

    /*
     * layerImageBytes and imageBytes are the model in its plain form: a map of the tree, every directory's names
     * listed and sorted, each entry then sized by Image (the one place for the inode, xattr and tail-packing rules).
     * FleetSizer feeds Image in the passes it makes anyway, with directory sizes from its per-directory tallies
     * (ErofsImageModelTest holds the two equal); these stay as the reference, and for tools that size one tree.
     */

    /**
     * Bytes of the image of one layer unpacked into its directory in overlay form: its entries, the directories they
     * imply, whiteouts as devices, opaque markers as {@code trusted.overlay.opaque} on their directories.
     */
    static long layerImageBytes(LayerSummary layer) {
        Map<String, SummaryEntry> tree = new HashMap<>();
        Set<String> opaque = new HashSet<>();
        for (SummaryEntry e : layer.entries()) {
            if (e.kind() == EntryKind.OPAQUE) {
                opaque.add(e.path());
            } else {
                tree.put(e.path(), e);
            }
        }
        for (String p : new ArrayList<>(tree.keySet())) {
            for (String d = p; !d.isEmpty(); ) {
                d = LayerPaths.parent(d);
                if (tree.containsKey(d)) {
                    break;
                }
                tree.put(d, new SummaryEntry(d, EntryKind.DIRECTORY, 0, "", "", 0755, 0, 0, Chunks.NONE));
            }
        }
        for (String o : opaque) {
            tree.putIfAbsent(o, new SummaryEntry(o, EntryKind.DIRECTORY, 0, "", "", 0755, 0, 0, Chunks.NONE));
        }
        tree.putIfAbsent("", new SummaryEntry("", EntryKind.DIRECTORY, 0, "", "", 0755, 0, 0, Chunks.NONE));
        return imageBytes(tree, opaque, Form.LAYER);
    }

    /**
     * Bytes of the image (its file size) made from the tree whose entries are {@code entries}: path to entry, the root
     * ({@code ""}) and every directory included; {@code opaque} the directories marked opaque (layer form).
     */
    static long imageBytes(Map<String, SummaryEntry> entries, Set<String> opaque, Form form) {
        Map<String, List<String>> names = new HashMap<>();
        for (String p : entries.keySet()) {
            if (!p.isEmpty()) {
                names.computeIfAbsent(LayerPaths.parent(p), d -> new ArrayList<>())
                        .add(LayerPaths.baseName(p));
            }
        }
        Image image = new Image(form, opaque.size());
        for (SummaryEntry e : entries.values()) {
            long dirSize = e.kind() == EntryKind.DIRECTORY ? dirSize(names.getOrDefault(e.path(), List.of())) : 0;
            image.add(e, dirSize, opaque.contains(e.path()));
        }
        return image.bytes();
    }

    /**
     * A directory's size from its name count and their UTF-8 bytes when that is all it takes: when {@code .}, {@code ..}
     * and the names fit one block, no entry can cross a block and the order does not matter. Else -1: the size then
     * needs the names in order ({@link #dirSize}).
     */
    static long dirSizeInOneBlock(long names, long nameBytes) {
        long size = DIRENT * (names + 2) + nameBytes + ".".length() + "..".length();
        return size <= BLOCK ? size : -1;
    }

    /**
     * An image's size built inode by inode, each entry of the tree once and in any order, with the directory sizes
     * given ({@link #dirSizeInOneBlock}, else {@link #dirSize}): what {@link #imageBytes} computes, without its maps.
     * Whether the metacopy xattr is shared is known only at the end, so a chunk-based file's inode is summed both ways.
     */
    static final class Image {

        private final Form form;
        private final boolean opaqueShared;
        private long meta;
        private long chunkedMetaShared;
        private long chunkedMetaInline;
        private long metacopies;
        private long dataBlocks;
        private boolean zeroBlock;
        private final long[] zeroTails = new long[BLOCK / Long.SIZE];

        /** @param opaqueMarkers the opaque markers of the layer (LAYER form), each distinct path once */
        Image(Form form, int opaqueMarkers) {
            this.form = form;
            this.opaqueShared = opaqueMarkers > XATTR_TOLERANCE;
        }

        /**
         * One entry of the tree: {@code dirSize} is its size when it is a directory, {@code opaque} whether the layer
         * marks it opaque.
         */
        void add(SummaryEntry e, long dirSize, boolean opaque) {
            EntryKind kind = e.kind();
            if (!kind.hasInode() || (kind == EntryKind.WHITEOUT && form == Form.METADATA)) {
                return; // a hard link is a name only
            }
            long xattrs = e.xattrs() == 0 ? 0 : XATTR_ENTRY * (long) e.xattrs() + e.xattrBytes();
            int count = e.xattrs();
            if (kind == EntryKind.DIRECTORY && opaque) {
                xattrs += opaqueShared ? SHARED_XATTR_REF : align4(XATTR_ENTRY + OPAQUE_NAME + 1);
                count++;
            }
            if (form == Form.METADATA && kind == EntryKind.FILE && e.size() > 0) {
                long redirect = align4(XATTR_ENTRY + REDIRECT_NAME + REDIRECT_VALUE);
                long index = CHUNK_INDEX * ((e.size() + BLOCK - 1) / BLOCK);
                long shared = INODE + XATTR_HEADER + xattrs + SHARED_XATTR_REF + redirect;
                long inline = INODE + XATTR_HEADER + xattrs + align4(XATTR_ENTRY + METACOPY_NAME) + redirect;
                chunkedMetaShared += align(align8(shared) + index, SLOT);
                chunkedMetaInline += align(align8(inline) + index, SLOT);
                metacopies++;
                zeroBlock |= e.size() >= BLOCK;
                int tail = (int) (e.size() % BLOCK);
                if (tail != 0) {
                    zeroTails[tail / Long.SIZE] |= 1L << tail;
                }
                return;
            }
            long size = switch (kind) {
                case FILE -> e.size();
                case DIRECTORY -> dirSize;
                case SYMLINK -> Utf8.length(e.link());
                default -> 0;
            };
            inode(INODE + (count == 0 ? 0 : XATTR_HEADER + xattrs), size);
        }

        /** A directory the tree implies (mode 0755, no xattrs, not opaque) of {@code dirSize} bytes. */
        void impliedDirectory(long dirSize) {
            inode(INODE, dirSize);
        }

        private void inode(long inode, long size) {
            dataBlocks += size / BLOCK;
            long tail = size % BLOCK;
            if (inode % BLOCK + tail <= BLOCK) {
                meta += align(inode + tail, SLOT);
            } else {
                meta += align(inode, SLOT);
                dataBlocks++;
            }
        }

        /** Bytes of the image (its file size). */
        long bytes() {
            boolean metacopyShared = metacopies > XATTR_TOLERANCE;
            long sharedXattrs = (metacopyShared ? align4(XATTR_ENTRY + METACOPY_NAME) : 0)
                    + (opaqueShared ? align4(XATTR_ENTRY + OPAQUE_NAME + 1) : 0);
            long allMeta = meta + (metacopyShared ? chunkedMetaShared : chunkedMetaInline);
            long tails = 0;
            for (long w : zeroTails) {
                tails += Long.bitCount(w);
            }
            long blocks = 1
                    + ceilDiv(sharedXattrs, BLOCK)
                    + ceilDiv(allMeta, BLOCK)
                    + dataBlocks
                    + (zeroBlock ? 1 : 0)
                    + tails;
            return blocks * BLOCK;
        }
    }

    /** A directory's size: {@code .}, {@code ..} and its names in order, an entry never crossing a block. */
    static long dirSize(List<String> children) {
        List<String> sorted = new ArrayList<>(children);
        sorted.add(".");
        sorted.add("..");
        sorted.sort(null);
        long size = 0;
        for (String n : sorted) {
            int len = DIRENT + n.getBytes(StandardCharsets.UTF_8).length;
            if (size % BLOCK + len > BLOCK) {
                size = ceilDiv(size, BLOCK) * BLOCK;
            }
            size += len;
        }
        return size;
    }

    private static long align4(long n) {
        return align(n, 4);
    }

    private static long align8(long n) {
        return align(n, 8);
    }

    private static long align(long n, long to) {
        return ceilDiv(n, to) * to;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
