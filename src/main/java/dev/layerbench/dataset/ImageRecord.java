package dev.layerbench.dataset;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.layerbench.digest.Digest;
import java.util.List;

/**
 * One image of a dataset: its tag in the layout, its manifest's digest and its layers, bottom first.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageRecord(String name, Digest manifest, List<LayerRecord> layers) {

    public ImageRecord {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("image record without a name");
        }
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    public long size() {
        return layers.stream().mapToLong(LayerRecord::size).sum();
    }

    public long uncompressedSize() {
        return layers.stream().mapToLong(LayerRecord::uncompressedSize).sum();
    }

    public int files() {
        return layers.stream().mapToInt(LayerRecord::files).sum();
    }
}
