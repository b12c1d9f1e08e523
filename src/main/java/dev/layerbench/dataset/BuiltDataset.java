package dev.layerbench.dataset;

import dev.layerbench.store.BlobStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A dataset on disk: an OCI layout at {@code root} with one tag per image, and the manifest recorded when it was built
 * (layers as built).
 *
 * @param reused      whether an earlier build was found complete and reused
 * @param differences for a real dataset, how the build differs from the pinned or previously recorded layers (empty
 *                    when it does not); a synthetic build never differs (it fails instead)
 */
public record BuiltDataset(DatasetManifest recorded, Path root, boolean reused, List<String> differences) {

    public BuiltDataset {
        differences = List.copyOf(differences);
    }

    public String name() {
        return recorded.name();
    }

    /** The image tags, in the manifest's order. */
    public List<String> tags() {
        return recorded.images().stream().map(ImageRecord::name).toList();
    }

    /** Opens the dataset's layout as a store. */
    public BlobStore store() throws IOException {
        return BlobStore.open(root);
    }
}
