package dev.layerbench.dataset;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerbench.digest.Digest;
import dev.layerbench.image.Manifest;
import dev.layerbench.image.MediaTypes;
import dev.layerbench.json.Json;
import dev.layerbench.store.BlobStore;
import dev.layerbench.store.Descriptor;
import dev.layerbench.tar.LayerDigests;
import dev.layerbench.tar.LayerOutput;
import dev.layerbench.tar.LayerWriter;
import dev.layerbench.tar.LayerWriterOptions;
import dev.layerbench.tar.TarEntry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes layers, configs and manifests of images into a {@link BlobStore}, and tags the images: what the dataset
 * builders use, and what tests use to make small images from fixture layers. A layer is written
 * to a temp file in {@code tempDir} while it is hashed, then put into the store against the digest measured.
 * Configs carry no timestamps or host facts, so the same layers give the same manifest digest.
 */
public final class ImageWriter {

    /** The fixed architecture and OS of every config written: the datasets are Linux amd64 images. */
    static final String ARCHITECTURE = "amd64";

    static final String OS = "linux";

    private final BlobStore store;
    private final Path tempDir;

    /** @param tempDir where layers are written while they are hashed (same filesystem as the store is best) */
    public ImageWriter(BlobStore store, Path tempDir) {
        this.store = store;
        this.tempDir = tempDir;
    }

    public BlobStore store() {
        return store;
    }

    /** Writes a layer from entries; {@code files} and {@code whiteouts} are recorded as given. */
    public LayerRecord putLayer(List<TarEntry> entries, LayerWriterOptions options, int files, int whiteouts)
            throws IOException {
        Path temp = Files.createTempFile(tempDir, "layer-", ".tmp");
        try {
            LayerDigests d;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20)) {
                d = LayerWriter.write(out, entries, options);
            }
            return put(temp, d, files, whiteouts);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Stores an existing uncompressed tar compressed as the options say; the diff_id stays the tar's. */
    LayerRecord putTar(InputStream tar, LayerWriterOptions options, LayerStats stats) throws IOException {
        Path temp = Files.createTempFile(tempDir, "layer-", ".tmp");
        try {
            LayerDigests d;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20);
                    LayerOutput out = LayerOutput.open(file, options)) {
                tar.transferTo(out);
                d = out.finish(stats.entries());
            }
            return put(temp, d, stats.files(), stats.whiteouts());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Stores a blob already compressed (as umoci wrote it), verified against its digest. */
    LayerRecord putBlob(InputStream blob, Descriptor layer, Digest diffId, long uncompressedSize, LayerStats stats)
            throws IOException {
        store.put(blob, layer.digest(), layer.size());
        return new LayerRecord(
                diffId,
                layer.digest(),
                layer.mediaType(),
                layer.size(),
                uncompressedSize,
                stats.files(),
                stats.whiteouts(),
                stats.entries());
    }

    private LayerRecord put(Path temp, LayerDigests d, int files, int whiteouts) throws IOException {
        try (InputStream in = Files.newInputStream(temp)) {
            store.put(in, d.digest(), d.size());
        }
        return new LayerRecord(
                d.diffId(),
                d.digest(),
                MediaTypes.ociLayer(d.compression()),
                d.size(),
                d.uncompressedSize(),
                files,
                whiteouts,
                d.entries());
    }

    /**
     * Writes an image's config (diff_ids, one history line per layer) and OCI manifest, and tags it {@code name}.
     *
     * @return the image with its manifest digest
     */
    public ImageRecord putImage(String name, List<LayerRecord> layers, List<String> history) throws IOException {
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.put("architecture", ARCHITECTURE);
        config.put("os", OS);
        config.putObject("config");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        layers.forEach(l -> ids.add(l.diffId().toString()));
        ArrayNode hist = config.putArray("history");
        history.forEach(h -> hist.addObject().put("created_by", h));
        Descriptor configBlob = store.put(Json.MAPPER.writeValueAsBytes(config)).withMediaType(MediaTypes.OCI_CONFIG);
        List<Descriptor> layerDescriptors = new ArrayList<>();
        for (LayerRecord l : layers) {
            layerDescriptors.add(new Descriptor(l.mediaType(), l.digest(), l.size()));
        }
        byte[] manifest = Json.MAPPER.writeValueAsBytes(Manifest.oci(configBlob, layerDescriptors));
        Descriptor manifestBlob = store.put(manifest).withMediaType(MediaTypes.OCI_MANIFEST);
        store.tag(name, manifestBlob);
        return new ImageRecord(name, manifestBlob.digest(), layers);
    }
}
