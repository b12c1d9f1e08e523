package dev.layerbench.sizing;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.HeldLock;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.layer.LayerStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Layer summaries cached beside a store, by diff_id: {@code <store>/summaries/sha256/<diff_id hex>.csv}. A summary
 * is made once, by streaming the layer through decompression with both its digest and diff_id checked, and written
 * atomically (temporary file, fsync, rename): a reader sees a whole summary or none. Summaries read in this process
 * are kept in memory, so layers shared by many images are parsed once. A summary in an older format (another CSV
 * header) is made again.
 *
 * <p>Processes share the cache: two making the same summary each write their own temp file and the second rename
 * replaces the first with the same bytes. A temp file {@code .<hex>.<pid>-<uuid>.tmp} is locked by its writer
 * ({@link HeldLock}); the first use of a cache in a process, and {@link #cleanLeftovers()}, delete the ones whose writer
 * died. A summary removed by a store gc while it is being read is made again.
 */
public final class SummaryCache {

    /** The directory under the store root. */
    public static final String DIR = "summaries";

    private static final String TEMP_SUFFIX = ".tmp";
    /** Caches this process has cleaned of dead writers' temp files. */
    private static final Set<Path> CLEANED = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final ConcurrentHashMap<Digest, LayerSummary> loaded = new ConcurrentHashMap<>();
    private final AtomicInteger made = new AtomicInteger();
    private final AtomicInteger read = new AtomicInteger();

    private SummaryCache(Path dir) {
        this.dir = dir;
    }

    /** The cache of the store at {@code storeRoot} (created on first write). */
    public static SummaryCache at(Path storeRoot) {
        SummaryCache cache =
                new SummaryCache(storeRoot.toAbsolutePath().normalize().resolve(DIR));
        if (CLEANED.add(cache.dir)) {
            try {
                cache.cleanLeftovers();
            } catch (IOException e) {
                CLEANED.remove(cache.dir); // an unreadable cache fails where it is used, with its own message
            }
        }
        return cache;
    }

    /** Deletes temp files whose writer died; a live writer holds a lock on its own. */
    public void cleanLeftovers() throws IOException {
        for (Path temp : tempFiles()) {
            Optional<HeldLock> dead = HeldLock.tryAcquire(temp, HeldLock.IfAbsent.SKIP);
            if (dead.isPresent()) {
                dead.get().deleteAndClose();
            }
        }
    }

    /** Temp files present now, held or not. */
    public List<Path> tempFiles() throws IOException {
        List<Path> all = new ArrayList<>();
        Path sha = dir.resolve(Digest.SHA256);
        if (Files.isDirectory(sha)) {
            try (DirectoryStream<Path> temps = Files.newDirectoryStream(sha, ".*" + TEMP_SUFFIX)) {
                temps.forEach(all::add);
            }
        }
        return all;
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
        s = readIfPresent(file, layer.diffId());
        if (s != null) {
            read.incrementAndGet();
        } else {
            try (LayerStream in = archive.openUncompressed(layer)) {
                s = Summarizer.summarize(in, layer.diffId(), archive.describe(layer));
                in.verifyToEnd();
            }
            write(s);
            made.incrementAndGet();
        }
        LayerSummary previous = loaded.putIfAbsent(layer.diffId(), s);
        return previous != null ? previous : s;
    }

    private static LayerSummary readIfPresent(Path file, Digest diffId) throws IOException {
        try {
            if (!SummaryCsv.isCurrent(file)) {
                return null; // an older format: made again
            }
        } catch (NoSuchFileException e) {
            return null;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return SummaryCsv.read(in, diffId, file.toString());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Writes a summary atomically; an existing one (same diff_id, same content) is replaced. */
    public void write(LayerSummary summary) throws IOException {
        Path file = path(summary.diffId());
        Files.createDirectories(file.getParent());
        HeldLock temp = HeldLock.create(file.getParent()
                .resolve("." + summary.diffId().hex() + "." + HeldLock.pid() + "-" + UUID.randomUUID() + TEMP_SUFFIX));
        try {
            FileChannel ch = temp.channel();
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
            SummaryCsv.write(summary, out);
            out.flush();
            ch.force(true);
            try {
                Files.move(temp.path(), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp.path(), file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            temp.deleteAndClose();
        }
    }
}
