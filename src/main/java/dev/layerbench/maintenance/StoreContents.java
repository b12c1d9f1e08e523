package dev.layerbench.maintenance;

import dev.layerbench.digest.Digest;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tagged images of a store, with their layers: what {@code store ls} prints, and what gc keeps.
 *
 * @param images in {@code index.json} order
 */
public record StoreContents(List<StoreImage> images) {

    /** One layer of a tagged image. */
    public record StoreLayer(Digest digest, long size, Digest diffId, boolean unpacked, boolean summarized) {}

    /** One tagged image. */
    public record StoreImage(String ref, Digest manifest, long configSize, List<StoreLayer> layers) {

        public StoreImage {
            layers = List.copyOf(layers);
        }

        /** Stored bytes of its layers (compressed, as pulled) and config. */
        public long size() {
            return configSize + layers.stream().mapToLong(StoreLayer::size).sum();
        }
    }

    public StoreContents {
        images = List.copyOf(images);
    }

    /** Reads every tagged image; a tag whose manifest or config is missing or unreadable fails, naming it. */
    public static StoreContents read(WholeStore store) throws IOException {
        List<StoreImage> images = new ArrayList<>();
        try (ImageArchive archive = ImageArchive.open(store.root())) {
            for (String ref : store.blobs().tags()) {
                Image image = archive.image(ref);
                List<StoreLayer> layers = new ArrayList<>();
                for (Layer l : image.layers()) {
                    layers.add(new StoreLayer(
                            l.digest(),
                            l.size(),
                            l.diffId(),
                            store.layers().isUnpacked(l.diffId()),
                            Files.isRegularFile(store.summaries().path(l.diffId()))));
                }
                Digest manifest = image.manifest()
                        .map(m -> m.digest())
                        .orElse(image.config().digest());
                images.add(new StoreImage(ref, manifest, image.config().size(), layers));
            }
        }
        return new StoreContents(images);
    }

    /** The diff_ids of every tagged image's layers. */
    public Set<Digest> diffIds() {
        Set<Digest> all = new LinkedHashSet<>();
        for (StoreImage i : images) {
            i.layers().forEach(l -> all.add(l.diffId()));
        }
        return all;
    }
}
