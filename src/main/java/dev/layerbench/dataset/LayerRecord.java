package dev.layerbench.dataset;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.layerbench.digest.Digest;

/**
 * One layer a dataset builds, as pinned in its manifest.
 *
 * @param diffId           sha256 of the uncompressed tar
 * @param digest           sha256 of the blob as stored
 * @param mediaType        the OCI layer media type (says the compression)
 * @param size             bytes of the blob as stored
 * @param uncompressedSize bytes of the tar
 * @param files            regular files, not counting whiteouts
 * @param whiteouts        whiteouts and opaque markers
 * @param entries          every tar entry (files, directories, links, whiteouts)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LayerRecord(
        Digest diffId,
        Digest digest,
        String mediaType,
        long size,
        long uncompressedSize,
        int files,
        int whiteouts,
        int entries) {

    public LayerRecord {
        if (diffId == null || digest == null || mediaType == null) {
            throw new IllegalArgumentException("layer record needs diffId, digest and mediaType");
        }
    }

    /** Whether two records name the same bytes (digests and sizes; counts follow from them). */
    public boolean sameBytes(LayerRecord other) {
        return diffId.equals(other.diffId)
                && digest.equals(other.digest)
                && size == other.size
                && uncompressedSize == other.uncompressedSize;
    }
}
