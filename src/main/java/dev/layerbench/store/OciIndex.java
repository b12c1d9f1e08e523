package dev.layerbench.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An OCI image index: the {@code index.json} of a layout, or a multi-platform index blob.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">OCI image index</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OciIndex(
        int schemaVersion,
        String mediaType,
        List<Descriptor> manifests,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations) {

    /** {@code application/vnd.oci.image.index.v1+json}. */
    public static final String MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";

    public OciIndex {
        if (schemaVersion != 2) {
            throw new IllegalArgumentException("schemaVersion must be 2, got " + schemaVersion);
        }
        if (manifests == null) {
            throw new IllegalArgumentException("no manifests array");
        }
        manifests = List.copyOf(manifests);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static OciIndex empty() {
        return new OciIndex(2, MEDIA_TYPE, List.of(), Map.of());
    }

    public OciIndex withManifests(List<Descriptor> list) {
        return new OciIndex(schemaVersion, mediaType == null ? MEDIA_TYPE : mediaType, list, annotations);
    }
}
