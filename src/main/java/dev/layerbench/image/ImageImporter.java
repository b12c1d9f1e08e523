package dev.layerbench.image;

import dev.layerbench.digest.Digest;
import dev.layerbench.store.BlobStore;
import dev.layerbench.store.Descriptor;
import dev.layerbench.store.Lease;
import dev.layerbench.store.OciJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies an image into a {@link BlobStore}: each blob once (present blobs are not read again), each verified against
 * its digest as it is read, then the manifest, then the tag. A legacy {@code docker save} image, which has no
 * manifest, gets an OCI manifest written for it. A failure leaves no blob under a wrong name and no tag. Every blob is
 * put under a {@link Lease} held until the image is tagged, so a gc running meanwhile removes none of them.
 */
public final class ImageImporter {

    private ImageImporter() {}

    /** Imports and tags {@code tag} (the image's own ref when null or empty; untagged when both are empty). */
    public static Descriptor importImage(ImageArchive archive, Image image, BlobStore store, String tag)
            throws IOException {
        try (Lease lease = store.lease()) {
            return importImage(archive, image, store, tag, lease);
        }
    }

    /**
     * Imports under a lease the caller holds (and may hold longer, while it reads what it imported), recording every
     * blob in it.
     */
    public static Descriptor importImage(ImageArchive archive, Image image, BlobStore store, String tag, Lease lease)
            throws IOException {
        for (Layer layer : image.layers()) {
            try (InputStream in = archive.openLayer(layer)) {
                store.put(in, layer.digest(), layer.size(), lease);
            }
        }
        Descriptor manifest;
        if (image.manifest().isPresent()) {
            Descriptor config = image.config();
            store.put(new ByteArrayInputStream(archive.readConfig(image)), config.digest(), config.size(), lease);
            Descriptor m = image.manifest().get();
            store.put(new ByteArrayInputStream(archive.readBlob(m)), m.digest(), m.size(), lease);
            manifest = new Descriptor(m.mediaType(), m.digest(), m.size());
        } else {
            byte[] config = archive.readConfig(image);
            store.put(
                    new ByteArrayInputStream(config),
                    image.config().digest(),
                    image.config().size(),
                    lease);
            List<Descriptor> layers = new ArrayList<>();
            for (Layer layer : image.layers()) {
                layers.add(new Descriptor(layer.mediaType(), layer.digest(), layer.size()));
            }
            Manifest m = Manifest.oci(image.config(), layers);
            byte[] json =
                    OciJson.writeManifest(m.schemaVersion(), m.mediaType(), m.config(), m.layers(), m.annotations());
            Descriptor stored = store.put(new ByteArrayInputStream(json), Digest.of(json), json.length, lease);
            manifest = new Descriptor(MediaTypes.OCI_MANIFEST, stored.digest(), stored.size());
        }
        String name = tag != null && !tag.isEmpty() ? tag : image.ref();
        if (!name.isEmpty()) {
            store.tag(name, manifest);
        }
        return manifest;
    }
}
