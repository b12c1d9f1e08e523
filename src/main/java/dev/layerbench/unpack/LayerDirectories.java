package dev.layerbench.unpack;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.AtomicFile;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.store.BlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per-layer directories of a store: {@code <store root>/layers/sha256/<diff_id hex>/} holds one layer's files, unpacked
 * once however many images share the layer, with its whiteouts in one {@link WhiteoutForm}, recorded in the file
 * {@code <diff_id hex>.whiteouts} beside it ({@code overlay} or {@code oci}). A layer is unpacked in a hidden staging
 * directory beside its final place ({@code .<hex>.unpack-XXXX}) and renamed into place at the end, so a directory
 * that exists is complete.
 */
public final class LayerDirectories {

    /** The directory under a store's root that holds the per-layer directories. */
    public static final String LAYERS = "layers";
    /** Suffix of the file beside a layer directory naming its whiteout form. */
    public static final String FORM_SUFFIX = ".whiteouts";

    private final Path base;

    private LayerDirectories(Path base) {
        this.base = base;
    }

    /** The per-layer directories of a store. */
    public static LayerDirectories of(BlobStore store) {
        return at(store.root());
    }

    /** The per-layer directories under a store root. */
    public static LayerDirectories at(Path storeRoot) {
        return new LayerDirectories(storeRoot.resolve(LAYERS).resolve(Digest.SHA256));
    }

    /** Where the layer with this diff_id is (or would be) unpacked. */
    public Path path(Digest diffId) {
        return base.resolve(diffId.hex());
    }

    /** Whether the layer is unpacked (its directory exists, so it is complete). */
    public boolean isUnpacked(Digest diffId) {
        return Files.isDirectory(path(diffId)) && Files.isRegularFile(formFile(diffId));
    }

    /** The whiteout form the layer's directory uses; empty when it is not unpacked. */
    public Optional<WhiteoutForm> form(Digest diffId) throws IOException {
        if (!isUnpacked(diffId)) {
            return Optional.empty();
        }
        return Optional.of(WhiteoutForm.ofLabel(Files.readString(formFile(diffId), StandardCharsets.US_ASCII)));
    }

    /** Unpacks a layer with the form this process can make ({@link WhiteoutForm#forThisProcess()}), unless it is there. */
    public Optional<UnpackSummary> ensureUnpacked(ImageArchive archive, Layer layer) throws IOException {
        return ensureUnpacked(archive, layer, UnpackOptions.perLayer(WhiteoutForm.forThisProcess()));
    }

    /**
     * Unpacks a layer into its directory unless it is already there.
     *
     * @param options whiteouts must be {@code KEEP_OVERLAY} or {@code KEEP_OCI}
     * @return what was done, or empty when the layer was already unpacked
     */
    public Optional<UnpackSummary> ensureUnpacked(ImageArchive archive, Layer layer, UnpackOptions options)
            throws IOException {
        WhiteoutForm form = switch (options.whiteouts()) {
            case KEEP_OVERLAY -> WhiteoutForm.OVERLAY;
            case KEEP_OCI -> WhiteoutForm.OCI;
            case APPLY -> throw new IllegalArgumentException("a per-layer directory keeps its whiteouts: use KEEP_OVERLAY or KEEP_OCI");
        };
        Path target = path(layer.diffId());
        if (isUnpacked(layer.diffId())) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        Files.createDirectories(base);
        try (Staging staging = Staging.beside(target)) {
            Unpacker.Result r = Unpacker.apply(staging.dir(), List.of(new ImageLayerSource(archive, layer)), options);
            writeForm(layer.diffId(), form);
            if (!staging.commit()) {
                return Optional.empty(); // another unpack of the same layer won the race
            }
            return Optional.of(r.summary(target.toString(), (System.nanoTime() - start) / 1e9));
        }
    }

    /** Unpacks every layer of an image that is not there yet; returns the layer directories, bottom first. */
    public List<Path> ensureUnpacked(ImageArchive archive, Image image) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (Layer l : image.layers()) {
            ensureUnpacked(archive, l);
            dirs.add(path(l.diffId()));
        }
        return dirs;
    }

    private Path formFile(Digest diffId) {
        return base.resolve(diffId.hex() + FORM_SUFFIX);
    }

    private void writeForm(Digest diffId, WhiteoutForm form) throws IOException {
        AtomicFile.write(formFile(diffId), AtomicFile.Durability.ATOMIC_ONLY,
                (form.label() + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
