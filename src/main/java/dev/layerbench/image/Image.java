package dev.layerbench.image;

import dev.layerbench.store.Descriptor;
import java.util.List;
import java.util.Optional;

/**
 * An image as read from its source.
 *
 * @param ref      the tag it was picked by or carries, empty when untagged
 * @param format   the form it was read from
 * @param manifest the manifest's descriptor; absent for a legacy {@code docker save} image, which has none
 * @param config   the config's descriptor
 * @param layers   bottom first
 */
public record Image(
        String ref,
        ImageFormat format,
        Optional<Descriptor> manifest,
        Descriptor config,
        ImageConfig configDocument,
        List<Layer> layers) {

    public Image {
        layers = List.copyOf(layers);
    }
}
