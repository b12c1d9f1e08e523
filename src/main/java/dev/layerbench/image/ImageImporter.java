package dev.layerbench.image;

import dev.layerbench.store.BlobStore;
import dev.layerbench.store.Descriptor;
import dev.layerbench.store.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies an image into a {@link BlobStore}: each blob once (present blobs are not read again), each verified against
 * its digest as it is read, then the manifest, then the tag. A legacy {@code docker save} image, which has no
 * manifest, gets an OCI manifest written for it. A failure leaves no blob under a wrong name and no tag.
 */
public final class ImageImporter {

    private ImageImporter() {
    }

    /** Imports and tags {@code tag} (the image's own ref when null or empty; untagged when both are empty). */
    public static Descriptor importImage(ImageArchive archive, Image image, BlobStore store, String tag) throws IOException {
        for (Layer layer : image.layers()) {
            try (InputStream in = archive.openLayer(layer)) {
                store.put(in, layer.digest(), layer.size());
            }
        }
        Descriptor manifest;
        if (image.manifest().isPresent()) {
            Descriptor config = image.config();
            store.put(new ByteArrayInputStream(archive.readConfig(image)), config.digest(), config.size());
            Descriptor m = image.manifest().get();
            store.put(new ByteArrayInputStream(archive.readBlob(m)), m.digest(), m.size());
            manifest = new Descriptor(m.mediaType(), m.digest(), m.size());
        } else {
            byte[] config = archive.readConfig(image);
            store.put(new ByteArrayInputStream(config), image.config().digest(), image.config().size());
            List<Descriptor> layers = new ArrayList<>();
            for (Layer layer : image.layers()) {
                layers.add(new Descriptor(layer.mediaType(), layer.digest(), layer.size()));
            }
            byte[] json = Json.MAPPER.writeValueAsBytes(Manifest.oci(image.config(), layers));
            Descriptor stored = store.put(json);
            manifest = new Descriptor(MediaTypes.OCI_MANIFEST, stored.digest(), stored.size());
        }
        String name = tag != null && !tag.isEmpty() ? tag : image.ref();
        if (!name.isEmpty()) {
            store.tag(name, manifest);
        }
        return manifest;
    }
}
