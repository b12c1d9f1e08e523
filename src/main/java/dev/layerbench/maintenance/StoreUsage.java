package dev.layerbench.maintenance;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.DiskUsage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Bytes and inodes a store uses per kind, as {@code docker system df} shows them: blobs, per-layer directories and
 * summaries, each with how many there are, how many a tagged image uses, what they take on disk ({@link DiskUsage}:
 * allocated bytes, inodes, each inode once) and what a gc would reclaim.
 *
 * @param kinds blobs, layer directories, summaries, then the rest of the store (index, ingest, leases, locks)
 */
public record StoreUsage(List<Kind> kinds) {

    /** One kind of content. */
    public record Kind(String name, int total, int used, long bytes, long inodes, long reclaimableBytes) {}

    public StoreUsage {
        kinds = List.copyOf(kinds);
    }

    /** Measures the store as it is now. */
    public static StoreUsage measure(WholeStore store) throws IOException {
        StoreContents contents = StoreContents.read(store);
        Set<Digest> reachable = store.blobs().reachable();
        Set<Digest> diffIds = contents.diffIds();
        List<Kind> kinds = new ArrayList<>();

        DiskUsage.Walker all = new DiskUsage.Walker(DiskUsage.Devices.ONE);
        List<Digest> blobs = store.blobs().blobs();
        long blobReclaim = 0;
        int blobUsed = 0;
        for (Digest d : blobs) {
            if (reachable.contains(d)) {
                blobUsed++;
            } else {
                blobReclaim += DiskUsage.of(store.blobs().blobPath(d)).bytes();
            }
        }
        Path blobDir = store.root().resolve("blobs");
        DiskUsage blobUsage = usage(blobDir);
        if (Files.exists(blobDir)) {
            all.add(blobDir);
        }
        kinds.add(new Kind("blobs", blobs.size(), blobUsed, blobUsage.bytes(), blobUsage.inodes(), blobReclaim));

        List<Digest> layers = store.layers().unpacked();
        long layerReclaim = 0;
        int layerUsed = 0;
        for (Digest d : layers) {
            if (diffIds.contains(d)) {
                layerUsed++;
            } else {
                layerReclaim += usage(store.layers().path(d)).bytes();
            }
        }
        Path layerDir = store.layers().base().getParent();
        DiskUsage layerUsage = usage(layerDir);
        if (Files.exists(layerDir)) {
            all.add(layerDir);
        }
        kinds.add(new Kind(
                "layer directories", layers.size(), layerUsed, layerUsage.bytes(), layerUsage.inodes(), layerReclaim));

        Path summaryDir = store.summaries().root();
        int summaries = 0;
        int summaryUsed = 0;
        long summaryReclaim = 0;
        Path sha = summaryDir.resolve(Digest.SHA256);
        if (Files.isDirectory(sha)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(sha, "*.csv")) {
                for (Path f : files) {
                    summaries++;
                    String hex = f.getFileName().toString().replaceFirst("\\.csv$", "");
                    if (diffIds.stream().anyMatch(d -> d.hex().equals(hex))) {
                        summaryUsed++;
                    } else {
                        summaryReclaim += usage(f).bytes();
                    }
                }
            }
        }
        DiskUsage summaryUsage = usage(summaryDir);
        if (Files.exists(summaryDir)) {
            all.add(summaryDir);
        }
        kinds.add(new Kind(
                "summaries", summaries, summaryUsed, summaryUsage.bytes(), summaryUsage.inodes(), summaryReclaim));

        DiskUsage whole = usage(store.root());
        DiskUsage parts = all.usage();
        kinds.add(new Kind(
                "other",
                0,
                0,
                Math.max(0, whole.bytes() - parts.bytes()),
                Math.max(0, whole.inodes() - parts.inodes()),
                0)); // measured a moment apart: a writer at work could make the difference negative
        return new StoreUsage(kinds);
    }

    private static DiskUsage usage(Path p) throws IOException {
        return Files.exists(p) ? DiskUsage.of(p) : DiskUsage.ZERO;
    }
}
