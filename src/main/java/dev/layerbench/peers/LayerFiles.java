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
import java.util.Locale;
import java.util.Optional;

/**
 * One layer as the same tar in three files: {@code layer.tar}, {@code layer.tar.gz} and {@code layer.tar.zst} (zstd
 * level 3, as the project stores it), all read once so they are in the page cache; {@code description} names it in
 * the rows. The layer is the dataset's largest of its first image, or a blob given with {@code --layer}; either is
 * read through {@link LayerStream}, the dataset's with its digest and diff_id checked.
 */
record LayerFiles(String description, Path tar, Path gzip, Path zstd) {

    /** The dataset's largest layer of its first image, checked against the size the dataset records. */
    static LayerFiles make(BuiltDataset data, Path dir) throws IOException {
        ImageRecord image = data.recorded().images().getFirst();
        LayerRecord layer = image.layers().stream()
                .max(Comparator.comparingLong(LayerRecord::uncompressedSize))
                .orElseThrow(() -> new PeersException(data.root() + ": image " + image.name() + " has no layers"));
        Path tar = dir.resolve("layer.tar");
        Path blob = data.store().blobPath(layer.digest());
        untar(
                blob,
                tar,
                LayerCheck.of(blob.toString())
                        .withDigest(layer.digest(), layer.size())
                        .withDiffId(Optional.of(layer.diffId())));
        if (Files.size(tar) != layer.uncompressedSize()) {
            throw new PeersException(tar + ": " + Files.size(tar) + " bytes, the dataset records "
                    + layer.uncompressedSize() + " for " + layer.diffId());
        }
        // "layer sha256:0123456789ab (3.4 MB tar, 1,090 files)"
        String description = "layer " + layer.diffId().toString().substring(0, 19) + " ("
                + String.format(Locale.ROOT, "%.1f MB tar, %d files", layer.uncompressedSize() / 1e6, layer.files())
                + ")";
        return withCopies(description, tar);
    }

    /** A layer blob file (tar, tar+gzip or tar+zstd, by its magic), e.g. a debootstrapped minbase. */
    static LayerFiles of(Path blob, Path dir) throws IOException {
        Path tar = dir.resolve("layer.tar");
        untar(blob, tar, LayerCheck.of(blob.toString()));
        String description = "layer " + blob.getFileName() + " ("
                + String.format(Locale.ROOT, "%.1f MB tar", Files.size(tar) / 1e6) + ")";
        return withCopies(description, tar);
    }

    /** Writes the blob's tar (its codec detected by magic, what {@code check} names verified) to {@code tar}. */
    private static void untar(Path blob, Path tar, LayerCheck check) throws IOException {
        Files.createDirectories(tar.getParent());
        try (LayerStream in = LayerStream.open(Files.newInputStream(blob), check);
                OutputStream out = Files.newOutputStream(tar)) {
            in.transferTo(out);
        }
    }

    private static LayerFiles withCopies(String description, Path tar) throws IOException {
        Path gzip = tar.resolveSibling("layer.tar.gz");
        Path zstd = tar.resolveSibling("layer.tar.zst");
        write(tar, gzip, Compression.GZIP);
        write(tar, zstd, Compression.ZSTD);
        for (Path p : new Path[] {tar, gzip, zstd}) {
            WorkFiles.readAll(p);
        }
        return new LayerFiles(description, tar, gzip, zstd);
    }

    private static void write(Path tar, Path target, Compression c) throws IOException {
        try (InputStream in = Files.newInputStream(tar);
                OutputStream out = c.compress(Files.newOutputStream(target))) {
            in.transferTo(out);
        }
    }

    /** How the rows name the layer. */
    String describe() {
        return description;
    }
}
