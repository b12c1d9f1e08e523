package dev.layerbench.sizing;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.AtomicFile;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.image.LayerInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Layer summaries cached beside a store, by diff_id: {@code <store>/summaries/sha256/<diff_id hex>.csv}. A summary
 * is made once, by streaming the layer through decompression with both its digest and diff_id checked, and written
 * atomically (temporary file, fsync, rename): a reader sees a whole summary or none. Summaries read in this process
 * are kept in memory, so layers shared by many images are parsed once. A summary in an older format (another CSV
 * header) is made again.
 */
public final class SummaryCache {

    /** The directory under the store root. */
    public static final String DIR = "summaries";

    private final Path dir;
    private final ConcurrentHashMap<Digest, LayerSummary> loaded = new ConcurrentHashMap<>();
    private final AtomicInteger made = new AtomicInteger();
    private final AtomicInteger read = new AtomicInteger();

    private SummaryCache(Path dir) {
        this.dir = dir;
    }

    /** The cache of the store at {@code storeRoot} (created on first write). */
    public static SummaryCache at(Path storeRoot) {
        return new SummaryCache(storeRoot.resolve(DIR));
    }

    /** Where the summary of {@code diffId} lives. */
    public Path path(Digest diffId) {
        return dir.resolve(diffId.algorithm()).resolve(diffId.hex() + ".csv");
    }

    /** The directory holding all summaries, for export. */
    public Path root() {
        return dir;
    }

    /** How many summaries this cache made (streamed a layer for) and read from disk. */
    public int made() {
        return made.get();
    }

    public int read() {
        return read.get();
    }

    /** The summary of one layer of an opened image: from memory, from disk, or made by streaming the layer once. */
    public LayerSummary get(ImageArchive archive, Layer layer) throws IOException {
        LayerSummary s = loaded.get(layer.diffId());
        if (s != null) {
            return s;
        }
        Path file = path(layer.diffId());
        if (Files.isRegularFile(file) && SummaryCsv.isCurrent(file)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                s = SummaryCsv.read(in, layer.diffId(), file.toString());
            }
            read.incrementAndGet();
        } else {
            try (LayerInputStream in = archive.openUncompressed(layer)) {
                s = Summarizer.summarize(in, layer.diffId(), archive.describe(layer));
                in.verifyToEnd();
            }
            write(s);
            made.incrementAndGet();
        }
        LayerSummary previous = loaded.putIfAbsent(layer.diffId(), s);
        return previous != null ? previous : s;
    }

    /** Writes a summary atomically; an existing one (same diff_id, same content) is replaced. */
    public void write(LayerSummary summary) throws IOException {
        AtomicFile.write(path(summary.diffId()), AtomicFile.Durability.FILE_SYNCED, out -> SummaryCsv.write(summary, out));
    }
}
