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
        int metacopies = 0;
        for (SummaryEntry e : entries.values()) {
            if (form == Form.METADATA && e.kind() == EntryKind.FILE && e.size() > 0) {
                metacopies++;
            }
        }
        boolean metacopyShared = metacopies > XATTR_TOLERANCE;
        boolean opaqueShared = opaque.size() > XATTR_TOLERANCE;
        long sharedXattrs = (metacopyShared ? align4(XATTR_ENTRY + METACOPY_NAME) : 0)
                + (opaqueShared ? align4(XATTR_ENTRY + OPAQUE_NAME + 1) : 0);

        long meta = 0;
        long dataBlocks = 0;
        boolean zeroBlock = false;
        Set<Long> zeroTails = new HashSet<>();
        for (SummaryEntry e : entries.values()) {
            if (!e.kind().hasInode() || (e.kind() == EntryKind.WHITEOUT && form == Form.METADATA)) {
                continue; // a hard link is a name only
            }
            long xattrs = e.xattrs() == 0 ? 0 : XATTR_ENTRY * (long) e.xattrs() + e.xattrBytes();
            int count = e.xattrs();
            if (e.kind() == EntryKind.DIRECTORY && opaque.contains(e.path())) {
                xattrs += opaqueShared ? SHARED_XATTR_REF : align4(XATTR_ENTRY + OPAQUE_NAME + 1);
                count++;
            }
            boolean chunked = form == Form.METADATA && e.kind() == EntryKind.FILE && e.size() > 0;
            if (chunked) {
                xattrs += (metacopyShared ? SHARED_XATTR_REF : align4(XATTR_ENTRY + METACOPY_NAME))
                        + align4(XATTR_ENTRY + REDIRECT_NAME + REDIRECT_VALUE);
                count += 2;
            }
            long inode = INODE + (count == 0 ? 0 : XATTR_HEADER + xattrs);
            if (chunked) {
                long chunks = (e.size() + BLOCK - 1) / BLOCK;
                meta += align(align8(inode) + CHUNK_INDEX * chunks, SLOT);
                zeroBlock |= e.size() >= BLOCK;
                if (e.size() % BLOCK != 0) {
                    zeroTails.add(e.size() % BLOCK);
                }
                continue;
            }
            long size = switch (e.kind()) {
                case FILE -> e.size();
                case DIRECTORY -> dirSize(names.getOrDefault(e.path(), List.of()));
                case SYMLINK -> e.link().getBytes(StandardCharsets.UTF_8).length;
                default -> 0;
            };
            dataBlocks += size / BLOCK;
            long tail = size % BLOCK;
            if (inode % BLOCK + tail <= BLOCK) {
                meta += align(inode + tail, SLOT);
            } else {
                meta += align(inode, SLOT);
                dataBlocks++;
            }
        }
        long blocks = 1
                + ceilDiv(sharedXattrs, BLOCK)
                + ceilDiv(meta, BLOCK)
                + dataBlocks
                + (zeroBlock ? 1 : 0)
                + zeroTails.size();
        return blocks * BLOCK;
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
