package dev.layerbench.layer;

import dev.layerbench.codec.Compression;
import dev.layerbench.digest.Digest;
import java.util.Optional;

/**
 * What a layer blob must be, each part checked when it is known: its digest and size as stored, the diff_id of its
 * tar, and the compression something declares for it (a media type).
 *
 * @param where names the blob in messages (a file, an image's layer)
 * @param digest the blob's digest, as stored (compressed)
 * @param size the blob's size in bytes, or {@link #UNKNOWN_SIZE}
 * @param diffId the digest of the uncompressed tar
 * @param declared the compression the blob is said to have, and who says so
 */
public record LayerCheck(
        String where, Optional<Digest> digest, long size, Optional<Digest> diffId, Optional<Declared> declared) {

    /** Passed as size when it is not known. */
    public static final long UNKNOWN_SIZE = -1;

    /**
     * A compression something declares for the blob.
     *
     * @param by who declares it, for the message: {@code media type application/vnd.oci.image.layer.v1.tar+gzip}
     */
    public record Declared(Compression compression, String by) {
        public Declared {
            if (compression == null || by == null || by.isBlank()) {
                throw new IllegalArgumentException("a declared compression needs the codec and who declares it");
            }
        }
    }

    public LayerCheck {
        if (where == null || where.isBlank() || digest == null || diffId == null || declared == null) {
            throw new IllegalArgumentException("a layer check needs a name; the checks may be empty, not null");
        }
        if (size < UNKNOWN_SIZE) {
            throw new IllegalArgumentException(where + ": a blob size is at least 0, got " + size);
        }
    }

    /** Nothing to check: the digests are computed and reported only. */
    public static LayerCheck of(String where) {
        return new LayerCheck(where, Optional.empty(), UNKNOWN_SIZE, Optional.empty(), Optional.empty());
    }

    /** The blob must hash to {@code digest} (when present). */
    public LayerCheck withDigest(Optional<Digest> digest) {
        return new LayerCheck(where, digest, size, diffId, declared);
    }

    /** The blob must hash to {@code digest} and be {@code size} bytes long. */
    public LayerCheck withDigest(Digest digest, long size) {
        return new LayerCheck(where, Optional.of(digest), size, diffId, declared);
    }

    /** The tar must hash to {@code diffId} (when present). */
    public LayerCheck withDiffId(Optional<Digest> diffId) {
        return new LayerCheck(where, digest, size, diffId, declared);
    }

    /** The blob's magic bytes must say {@code compression}, as {@code by} declares. */
    public LayerCheck withCompression(Compression compression, String by) {
        return new LayerCheck(where, digest, size, diffId, Optional.of(new Declared(compression, by)));
    }
}
