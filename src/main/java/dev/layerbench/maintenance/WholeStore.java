package dev.layerbench.maintenance;

import dev.layerbench.sizing.SummaryCache;
import dev.layerbench.store.BlobStore;
import dev.layerbench.unpack.LayerDirectories;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A store with its per-layer directories and summaries, opened with what dead writers left removed from all three.
 *
 * @param blobs     the OCI layout: blobs, {@code index.json}, ingest, leases
 * @param layers    {@code layers/sha256/}
 * @param summaries {@code summaries/sha256/}
 */
public record WholeStore(BlobStore blobs, LayerDirectories layers, SummaryCache summaries) {

    /** Opens (or creates) the store at {@code root} and cleans dead writers' leftovers in every part. */
    public static WholeStore open(Path root) throws IOException {
        BlobStore blobs = BlobStore.open(root); // cleans ingest, dead leases, half-built stores
        LayerDirectories layers = LayerDirectories.of(blobs);
        layers.cleanLeftovers();
        SummaryCache summaries = SummaryCache.at(blobs.root());
        summaries.cleanLeftovers();
        return new WholeStore(blobs, layers, summaries);
    }

    public Path root() {
        return blobs.root();
    }
}
