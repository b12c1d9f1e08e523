package dev.layerbench.tar;

import dev.layerbench.codec.Compression;

/**
 * How a layer is written.
 *
 * @param compression none, gzip (java.util.zip, fixed 10-byte header: no mtime, no file name) or zstd (zstd-jni)
 * @param level       the compression level: 1..9 for gzip, 1..19 for zstd, ignored for none
 * @param order       whether entries are written as given or sorted by path
 */
public record LayerWriterOptions(Compression compression, int level, Order order) {

    /** gzip's default level, as {@code gzip} and Docker use. */
    public static final int GZIP_LEVEL = 6;
    /** zstd's default level, as containerd uses. */
    public static final int ZSTD_LEVEL = 3;

    /** The order entries go into the tar. */
    public enum Order {
        /** As the caller gives them (a hard link's target must come before it). */
        AS_GIVEN,
        /** By path, byte-wise on UTF-8, so a directory precedes its content; only for {@link LayerWriter#write}. */
        SORTED
    }

    public LayerWriterOptions {
        if (compression == null || order == null) {
            throw new IllegalArgumentException("compression and order are required");
        }
        switch (compression) {
            case GZIP -> {
                if (level < 1 || level > 9) {
                    throw new IllegalArgumentException("gzip level must be 1..9, got " + level);
                }
            }
            case ZSTD -> {
                if (level < 1 || level > 19) {
                    throw new IllegalArgumentException("zstd level must be 1..19, got " + level);
                }
            }
            case NONE -> level = 0;
        }
    }

    /** The default level for a compression, entries as given. */
    public static LayerWriterOptions of(Compression compression) {
        return new LayerWriterOptions(compression, defaultLevel(compression), Order.AS_GIVEN);
    }

    public LayerWriterOptions sorted() {
        return new LayerWriterOptions(compression, level, Order.SORTED);
    }

    static int defaultLevel(Compression compression) {
        return switch (compression) {
            case NONE -> 0;
            case GZIP -> GZIP_LEVEL;
            case ZSTD -> ZSTD_LEVEL;
        };
    }
}
