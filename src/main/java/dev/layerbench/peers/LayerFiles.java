package dev.layerbench.peers;

import dev.layerbench.codec.Compression;
import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.dataset.ImageRecord;
import dev.layerbench.dataset.LayerRecord;
import dev.layerbench.layer.LayerCheck;
import dev.layerbench.layer.LayerStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

/**
 * One layer of the dataset (the largest of its first image) as the same tar in three files: {@code layer.tar},
 * {@code layer.tar.gz} and {@code layer.tar.zst} (zstd level 3, as the project stores it), all read once so they are
 * in the page cache. The tar is read from the store's blob through {@link LayerStream}, its digest and diff_id checked.
 */
record LayerFiles(LayerRecord layer, Path tar, Path gzip, Path zstd) {

    static LayerFiles make(BuiltDataset data, Path dir) throws IOException {
        ImageRecord image = data.recorded().images().getFirst();
        LayerRecord layer = image.layers().stream()
                .max(Comparator.comparingLong(LayerRecord::uncompressedSize))
                .orElseThrow(() -> new PeersException(data.root() + ": image " + image.name() + " has no layers"));
        Files.createDirectories(dir);
        Path blob = data.store().blobPath(layer.digest());
        Path tar = dir.resolve("layer.tar");
        Path gzip = dir.resolve("layer.tar.gz");
        Path zstd = dir.resolve("layer.tar.zst");
        LayerCheck check = LayerCheck.of(blob.toString())
                .withDigest(layer.digest(), layer.size())
                .withDiffId(Optional.of(layer.diffId()));
        try (LayerStream in = LayerStream.open(Files.newInputStream(blob), check);
                OutputStream out = Files.newOutputStream(tar)) {
            in.transferTo(out);
        }
        write(tar, gzip, Compression.GZIP);
        write(tar, zstd, Compression.ZSTD);
        if (Files.size(tar) != layer.uncompressedSize()) {
            throw new PeersException(tar + ": " + Files.size(tar) + " bytes, the dataset records "
                    + layer.uncompressedSize() + " for " + layer.diffId());
        }
        for (Path p : new Path[] {tar, gzip, zstd}) {
            WorkFiles.readAll(p);
        }
        return new LayerFiles(layer, tar, gzip, zstd);
    }

    private static void write(Path tar, Path target, Compression c) throws IOException {
        try (InputStream in = Files.newInputStream(tar);
                OutputStream out = c.compress(Files.newOutputStream(target))) {
            in.transferTo(out);
        }
    }

    /** "layer sha256:0123456789ab (3.4 MB tar, 1,090 files)" */
    String describe() {
        return "layer " + layer.diffId().toString().substring(0, 19) + " ("
                + String.format(
                        java.util.Locale.ROOT, "%.1f MB tar, %d files", layer.uncompressedSize() / 1e6, layer.files())
                + ")";
    }
}
