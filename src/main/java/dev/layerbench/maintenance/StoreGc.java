package dev.layerbench.maintenance;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.DiskUsage;
import dev.layerbench.store.GcResult;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A store-wide garbage collection, under the store lock (so no tag or lease changes meanwhile): blobs neither reachable
 * from {@code index.json} nor leased ({@link dev.layerbench.store.BlobStore#gc()}), per-layer directories and summaries
 * whose diff_id no tagged image has and no live lease names. A layer directory being unpacked (its key held) is left
 * and reported busy.
 */
public final class StoreGc {

    /** What one gc removed. */
    public record Report(
            GcResult blobs,
            List<Digest> layersRemoved,
            long layerBytes,
            long layerInodes,
            List<Digest> layersBusy,
            List<Digest> summariesRemoved,
            long summaryBytes) {

        public Report {
            layersRemoved = List.copyOf(layersRemoved);
            layersBusy = List.copyOf(layersBusy);
            summariesRemoved = List.copyOf(summariesRemoved);
        }
    }

    private StoreGc() {}

    public static Report run(WholeStore store) throws IOException {
        return store.blobs().locked(() -> {
            Set<Digest> used = new HashSet<>(StoreContents.read(store).diffIds());
            used.addAll(store.blobs().leasedLocked());
            GcResult blobs = store.blobs().gcLocked();
            List<Digest> removed = new ArrayList<>();
            List<Digest> busy = new ArrayList<>();
            long layerBytes = 0;
            long layerInodes = 0;
            for (Digest d : store.layers().unpacked()) {
                if (used.contains(d)) {
                    continue;
                }
                DiskUsage u = DiskUsage.of(store.layers().path(d));
                if (store.layers().remove(d)) {
                    removed.add(d);
                    layerBytes += u.bytes();
                    layerInodes += u.inodes();
                } else {
                    busy.add(d);
                }
            }
            List<Digest> summaries = new ArrayList<>();
            long summaryBytes = 0;
            Path dir = store.summaries().root().resolve(Digest.SHA256);
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.csv")) {
                    for (Path f : files) {
                        String hex = f.getFileName().toString().replaceFirst("\\.csv$", "");
                        Digest d;
                        try {
                            d = new Digest(hex);
                        } catch (IllegalArgumentException e) {
                            continue; // not ours: store verify reports it
                        }
                        if (!used.contains(d)) {
                            long size = Files.size(f);
                            if (Files.deleteIfExists(f)) {
                                summaries.add(d);
                                summaryBytes += size;
                            }
                        }
                    }
                }
            }
            return new Report(blobs, removed, layerBytes, layerInodes, busy, summaries, summaryBytes);
        });
    }
}
