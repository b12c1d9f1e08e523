package dev.layerbench.store;

import dev.layerbench.digest.Digest;
import java.util.List;

/** What a garbage collection of blobs kept and removed. */
public record GcResult(int blobsKept, List<Digest> removed, long bytesRemoved) {

    public GcResult {
        removed = List.copyOf(removed);
    }

    public int blobsRemoved() {
        return removed.size();
    }
}
