package dev.layerbench.tar;

import dev.layerbench.codec.Compression;
import dev.layerbench.digest.Digest;

/**
 * What writing a layer produced, measured in the same pass: the uncompressed tar's digest (the config's diff_id) and
 * size, and the blob as written (compressed or not) with its digest and size.
 *
 * @param entries how many entries the tar holds
 */
public record LayerDigests(
        Digest diffId, long uncompressedSize, Compression compression, Digest digest, long size, int entries) {

    public LayerDigests {
        if (diffId == null || digest == null || compression == null) {
            throw new IllegalArgumentException("layer digests need diffId, digest and compression");
        }
        if (compression == Compression.NONE && (!diffId.equals(digest) || size != uncompressedSize)) {
            throw new IllegalArgumentException("an uncompressed layer's digest must be its diff_id");
        }
    }
}
