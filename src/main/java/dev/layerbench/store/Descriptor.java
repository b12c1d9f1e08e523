package dev.layerbench.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.layerbench.digest.Digest;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI content descriptor: what a blob is (media type), its digest and its size.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md">OCI descriptor</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Descriptor(
        String mediaType,
        Digest digest,
        long size,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations,
        Platform platform) {

    /** Media type of content the store knows nothing more about. */
    public static final String OCTET_STREAM = "application/octet-stream";
    /** The annotation that names a tag in an OCI index. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    public Descriptor {
        if (mediaType == null || mediaType.isBlank()) {
            throw new IllegalArgumentException("descriptor without mediaType");
        }
        if (digest == null) {
            throw new IllegalArgumentException("descriptor without digest");
        }
        if (size < 0) {
            throw new IllegalArgumentException("descriptor with negative size " + size);
        }
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, Map.of(), null);
    }

    public Descriptor withMediaType(String type) {
        return new Descriptor(type, digest, size, annotations, platform);
    }

    public Descriptor withAnnotations(Map<String, String> values) {
        return new Descriptor(mediaType, digest, size, values, platform);
    }

    /** The tag this descriptor carries in an index, if any. */
    public Optional<String> refName() {
        return Optional.ofNullable(annotations.get(REF_NAME));
    }

    /** A platform an index entry is for. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Platform(String architecture, String os, String variant) {}
}
