package dev.layerbench.image;

import dev.layerbench.codec.Compression;
import dev.layerbench.digest.Digest;
import dev.layerbench.store.Descriptor;

/**
 * One layer of an image.
 *
 * @param index       0 for the bottom layer
 * @param descriptor  the blob as stored: media type, compressed digest and size
 * @param diffId      the digest of the uncompressed tar, from the config's {@code rootfs.diff_ids}
 * @param compression what the blob is compressed with
 * @param path        where the blob is inside its image source
 */
public record Layer(int index, Descriptor descriptor, Digest diffId, Compression compression, String path) {

    public Digest digest() {
        return descriptor.digest();
    }

    public long size() {
        return descriptor.size();
    }

    public String mediaType() {
        return descriptor.mediaType();
    }
}
