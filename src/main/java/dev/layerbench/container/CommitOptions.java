package dev.layerbench.container;

import dev.layerbench.codec.Compression;
import java.util.OptionalLong;

/**
 * How a container's upper becomes a layer.
 *
 * @param compression none, gzip or zstd
 * @param mtime       a fixed mtime for every entry (seconds), or empty to keep the files' own
 */
public record CommitOptions(Compression compression, OptionalLong mtime) {

    public CommitOptions {
        if (compression == null || mtime == null) {
            throw new IllegalArgumentException("commit options need a compression and an mtime choice");
        }
    }

    /** gzip, mtimes fixed at the epoch: the same changes always give the same digest. */
    public static CommitOptions reproducible(Compression compression) {
        return new CommitOptions(compression, OptionalLong.of(0));
    }
}
