package dev.layerbench.sizing;

import dev.layerbench.digest.Digest;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.image.LayerInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
        Path file = path(summary.diffId());
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "." + summary.diffId().hex(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                SummaryCsv.write(summary, out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
