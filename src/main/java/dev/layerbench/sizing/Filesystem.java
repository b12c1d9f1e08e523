package dev.layerbench.sizing;

import java.util.Locale;

/**
 * What a filesystem allocates, as {@code st_blocks} reports it (each inode counted once, as a du walker counts),
 * with 4096-byte blocks. The model, per filesystem (mkfs defaults of current e2fsprogs/xfsprogs/btrfs-progs):
 * <ul>
 * <li><b>ext4</b>: a file takes its size rounded up to blocks (no inline_data by default), plus one extent-index
 *     block past 4 extents of 128 MiB; a symlink under 60 bytes lives in the inode (fast symlink), else one block; a
 *     directory takes one block while its entries fit ({@code 8 + name} rounded to 4 bytes each, plus . and ..),
 *     beyond that an htree: a root block plus leaves filled to about 3/4.
 *     <a href="https://docs.kernel.org/filesystems/ext4/dynamic.html">ext4 dynamic structures</a></li>
 * <li><b>xfs</b> (512-byte inodes, 336 bytes of literal area): files as ext4 (no inline data); symlinks and
 *     directories that fit the literal area take no block ("local"/short form); a larger directory takes one block
 *     ("block" form) or data blocks plus leaf blocks and a free index.
 *     <a href="https://docs.kernel.org/filesystems/xfs/xfs-ondisk-format.html">XFS on-disk format</a>. Reflinks
 *     (default since xfsprogs 5.1); a write to a reflinked file keeps a copy-on-write reservation for a while
 *     ({@link #cowReservationBytes}).</li>
 * <li><b>btrfs</b>: files as ext4 (an inline file is still reported as one block by {@code st_blocks}); a symlink
 *     one block (inline); directories take no data blocks (their items live in the metadata b-tree). Reflinks.</li>
 * </ul>
 * Inode tables and btrfs metadata are not counted as bytes; inodes are reported separately.
 *
 * <p>Extended attributes ({@link #xattrBytes}) live in the inode while they fit: on ext4 (256-byte inodes) in the 96
 * bytes past the fixed part (a 4-byte magic, per entry a 16-byte header, name and value each padded to 4, a 4-byte end);
 * on xfs in the literal area the data fork leaves (at least 40 bytes stay the data fork's, room for a btree root), in
 * shortform: a 4-byte header, 3 bytes per entry plus name and value. Past that, one block per inode, which
 * {@code st_blocks} counts (ext4 may share that block between inodes with equal xattrs, but each inode still reports
 * it). btrfs keeps them as metadata items: no data blocks.
 * <a href="https://docs.kernel.org/filesystems/ext4/attributes.html">ext4 extended attributes</a>,
 * <a href="https://docs.kernel.org/filesystems/xfs/xfs-ondisk-format.html">XFS on-disk format</a>
 */
public enum Filesystem {
    EXT4(false),
    XFS(true),
    BTRFS(true);

    /** Block size of all three with their defaults on 4 KiB-page machines. */
    public static final int BLOCK = 4096;

    private static final long EXT4_MAX_EXTENT = 32768L * BLOCK;
    private static final int EXT4_FAST_SYMLINK = 60;
    private static final int XFS_LITERAL_AREA = 512 - 176;
    private static final int XFS_DIR_BLOCK_HEADER = 64;
    private static final long XFS_COW_EXTSIZE = 32L * BLOCK;

    private static final int EXT4_INODE_XATTR_SPACE = 256 - 128 - 32;
    private static final int XFS_DATA_FORK_MIN = 40; // XFS_BMDR_SPACE_CALC(MINDBTPTRS), rounded to 8

    private final boolean reflinks;

    Filesystem(boolean reflinks) {
        this.reflinks = reflinks;
    }

    /** Whether copies can share extents (FICLONE), which the flat layout then uses. */
    public boolean reflinks() {
        return reflinks;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Filesystem parse(String text) throws SizingException {
        for (Filesystem f : values()) {
            if (f.label().equals(text)) {
                return f;
            }
        }
        throw new SizingException("--fs " + text + ": unknown filesystem (ext4, xfs or btrfs)");
    }

    /** Bytes allocated to a regular file of {@code size} bytes written sequentially. */
    public long fileBytes(long size) {
        long data = roundUp(size);
        if (this == EXT4 && size > 4 * EXT4_MAX_EXTENT) {
            data += BLOCK;
        }
        return data;
    }

    /**
     * Blocks XFS keeps reserved in a file's copy-on-write fork after a write to extents it shares (a reflinked copy-up
     * or clone): the shared blocks, up to the {@code cowextsize} hint (32 blocks by default), stay
     * reserved and counted in {@code st_blocks} until XFS's background scan frees it
     * ({@code fs.xfs.speculative_cow_prealloc_lifetime}, 30 minutes by default). Measured, see SizingValidationTest.
     */
    public long cowReservationBytes(long sharedSize) {
        return this == XFS ? Math.min(fileBytes(sharedSize), XFS_COW_EXTSIZE) : 0;
    }

    /** Bytes allocated to a symlink with a target of {@code targetBytes} bytes. */
    public long symlinkBytes(int targetBytes) {
        return switch (this) {
            case EXT4 -> targetBytes < EXT4_FAST_SYMLINK ? 0 : BLOCK;
            case XFS -> targetBytes <= XFS_LITERAL_AREA ? 0 : BLOCK;
            case BTRFS -> BLOCK;
        };
    }

    /** Bytes allocated to a directory holding {@code entries} names totalling {@code nameBytes} bytes (UTF-8). */
    public long dirBytes(long entries, long nameBytes) {
        return switch (this) {
            case EXT4 -> {
                long used =
                        24 + 8 * entries + nameBytes + 3 * entries; // rec_len: 8 + name rounded up to 4 (3 on average)
                yield used <= BLOCK ? BLOCK : (1 + ceilDiv(used * 4, 3L * BLOCK)) * BLOCK;
            }
            case XFS -> {
                long shortForm = 6 + entries * 8 + nameBytes; // header, then per entry: namelen, offset, ftype, inode
                if (shortForm <= XFS_LITERAL_AREA) {
                    yield 0;
                }
                long data = 32 + entries * 16 + nameBytes; // . and .., then 8 (ino) + 1 + name + 1 + 2, rounded to 8
                long leaf = (entries + 2) * 8L + 8;
                if (XFS_DIR_BLOCK_HEADER + data + leaf <= BLOCK) {
                    yield BLOCK;
                }
                long dataBlocks = ceilDiv(data, BLOCK - XFS_DIR_BLOCK_HEADER);
                long leafBlocks = ceilDiv(leaf, BLOCK - XFS_DIR_BLOCK_HEADER);
                yield (dataBlocks + leafBlocks + (leafBlocks > 1 ? 1 : 0)) * BLOCK;
            }
            case BTRFS -> 0;
        };
    }

    /**
     * Bytes allocated for {@code count} xattrs on one inode whose names and values take {@code storedBytes}
     * ({@link #xattrStoredBytes}): 0 while they fit in the inode, else one block.
     */
    public long xattrBytes(int count, long storedBytes) {
        if (count == 0) {
            return 0;
        }
        return switch (this) {
            case EXT4 -> 4 + 16L * count + storedBytes + 4 <= EXT4_INODE_XATTR_SPACE ? 0 : BLOCK;
            case XFS -> 4 + 3L * count + storedBytes <= XFS_LITERAL_AREA - XFS_DATA_FORK_MIN ? 0 : BLOCK;
            case BTRFS -> 0;
        };
    }

    /**
     * What one xattr's name and value take where a file system keeps them: the name less its namespace prefix
     * ({@code user.}, {@code security.}: stored as an index) and the value, each rounded up to 4 bytes; a POSIX ACL
     * ({@code system.posix_acl_*}, no name) in the compact form ext4 stores, 4 bytes a header, 4 an entry without a
     * qualifier, 8 one with.
     */
    public static long xattrStoredBytes(String name, byte[] value) {
        if (name.startsWith("system.posix_acl_") && value.length >= 4 && (value.length - 4) % 8 == 0) {
            long acl = 4;
            for (int at = 4; at < value.length; at += 8) {
                int tag = (value[at] & 0xff) | (value[at + 1] & 0xff) << 8;
                acl += tag == 0x02 || tag == 0x08 ? 8 : 4; // ACL_USER, ACL_GROUP carry an id
            }
            return roundUp4(acl);
        }
        int dot = name.indexOf('.');
        long nameBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length - (dot + 1);
        return roundUp4(nameBytes) + roundUp4(value.length);
    }

    private static long roundUp4(long n) {
        return (n + 3) / 4 * 4;
    }

    static long roundUp(long size) {
        return ceilDiv(size, BLOCK) * BLOCK;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
