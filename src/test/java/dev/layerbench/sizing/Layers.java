package dev.layerbench.sizing;

import dev.layerbench.codec.Compression;
import dev.layerbench.digest.Digest;
import dev.layerbench.oci.EntryKind;
import dev.layerbench.tar.TarEntry;
import dev.layerbench.testing.LayerFixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/** Layer summaries of fixture layers, for the sizing tests. */
final class Layers {

    private Layers() {}

    static LayerSummary summary(List<TarEntry> entries) throws IOException {
        byte[] tar = LayerFixtures.bytes(entries, Compression.NONE);
        return Summarizer.summarize(new ByteArrayInputStream(tar), Digest.of(tar), "fixture");
    }

    /** A file entry without chunks' detail: one chunk per file, id from the content digest. */
    static SummaryEntry file(String path, long size, String contentKey) {
        String sha = String.format("%064x", contentKey.hashCode() & 0xffffffffL);
        Chunks chunks =
                size == 0 ? Chunks.NONE : new Chunks(new long[] {contentKey.hashCode()}, new int[] {(int) size});
        return new SummaryEntry(path, EntryKind.FILE, size, sha, "", 0644, 0, 0, chunks);
    }

    static SummaryEntry dir(String path) {
        return new SummaryEntry(path, EntryKind.DIRECTORY, 0, "", "", 0755, 0, 0, Chunks.NONE);
    }

    static SummaryEntry whiteout(String path) {
        return new SummaryEntry(path, EntryKind.WHITEOUT, 0, "", "", 0644, 0, 0, Chunks.NONE);
    }

    static LayerSummary layer(String name, SummaryEntry... entries) {
        return new LayerSummary(Digest.of(name.getBytes()), List.of(entries));
    }
}
