package dev.layerbench.dataset;

import dev.layerbench.store.BlobStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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

    /** How each difference from the previous build starts (the others are from the pins). */
    static final String SINCE_PREVIOUS = "since the previous build: ";

    /**
     * The differences in one line, or empty when there are none: how many layers differ from the pins in
     * {@code datasets/NAME.json} (and from the build this one replaced), the first of them, and what follows.
     */
    public Optional<String> warning() {
        if (differences.isEmpty()) {
            return Optional.empty();
        }
        List<String> fromPins =
                differences.stream().filter(d -> !d.startsWith(SINCE_PREVIOUS)).toList();
        int fromPrevious = differences.size() - fromPins.size();
        String pins = "datasets/" + name() + ".json";
        StringBuilder b = new StringBuilder(name()).append(": ");
        if (!fromPins.isEmpty()) {
            b.append(fromPins.size())
                    .append(fromPins.size() == 1 ? " layer differs" : " layers differ")
                    .append(" from the pins in ")
                    .append(pins)
                    .append(" (first: ")
                    .append(fromPins.getFirst())
                    .append(')');
            if (fromPrevious > 0) {
                b.append(" and ").append(fromPrevious).append(" from the previous build");
            }
        } else {
            b.append(fromPrevious)
                    .append(fromPrevious == 1 ? " layer differs" : " layers differ")
                    .append(" from the previous build (first: ")
                    .append(differences.getFirst().substring(SINCE_PREVIOUS.length()))
                    .append(')');
        }
        b.append(": the Debian archive has moved; figures from this build belong to the digests in ")
                .append(root.resolve(Datasets.RECORD_FILE))
                .append(", or re-pin with --pin ")
                .append(pins);
        return Optional.of(b.toString());
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
