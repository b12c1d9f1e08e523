package dev.layerbench.sizing;

import dev.layerbench.digest.Digest;
import dev.layerbench.oci.EntryKind;
import java.util.List;

/** Every entry of one layer, in tar order, named by the layer's diff_id (the digest of the uncompressed tar). */
public record LayerSummary(Digest diffId, List<SummaryEntry> entries) {

    public LayerSummary {
        if (diffId == null || entries == null) {
            throw new IllegalArgumentException("layer summary needs a diff_id and entries");
        }
        entries = List.copyOf(entries);
    }

    /** Bytes of regular file content in this layer (hard links counted once): what docker reports as a layer's size. */
    public long contentBytes() {
        long total = 0;
        for (SummaryEntry e : entries) {
            if (e.kind() == EntryKind.FILE) {
                total += e.size();
            }
        }
        return total;
    }
}
