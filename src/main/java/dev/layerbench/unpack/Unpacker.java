package dev.layerbench.unpack;

import dev.layerbench.codec.ReadAhead;
import dev.layerbench.digest.Digest;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.layer.LayerStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Unpacks layers into a new or empty directory, atomically: the work happens in a staging directory beside it,
 * renamed into place at the end; on any failure the target is left absent or as it was.
 */
public final class Unpacker {

    private Unpacker() {}

    /** Applies every layer of {@code image}, bottom first, into one root filesystem at {@code into}. */
    public static UnpackSummary flatten(ImageArchive archive, Image image, Path into, UnpackOptions options)
            throws IOException {
        List<LayerSource> sources = new ArrayList<>();
        for (Layer l : image.layers()) {
            sources.add(new ImageLayerSource(archive, l));
        }
        return staged(into, sources, options);
    }

    /** Applies one layer blob file into {@code into}. */
    public static UnpackSummary applyLayer(LayerBlob blob, Path into, UnpackOptions options) throws IOException {
        return staged(into, List.of(blob), options);
    }

    private static UnpackSummary staged(Path into, List<LayerSource> sources, UnpackOptions options)
            throws IOException {
        long start = System.nanoTime();
        try (Staging staging = Staging.beside(into)) {
            Result r = apply(staging.dir(), sources, options);
            if (!staging.commit()) {
                throw new UnpackException(into + ": directory became non-empty while unpacking; left as it was");
            }
            return r.summary(into.toString(), (System.nanoTime() - start) / 1e9);
        }
    }

    /** What {@link #apply} counted, before the time is known. */
    record Result(int layers, long entries, long bytes, long compressed, LayerApplier applier, List<Digest> diffIds) {
        UnpackSummary summary(String target, double seconds) {
            return new UnpackSummary(
                    target,
                    layers,
                    entries,
                    bytes,
                    compressed,
                    seconds,
                    applier.skipped(),
                    applier.ownersNotApplied(),
                    diffIds);
        }
    }

    /**
     * With writer threads, the layer stream (reading and the diff_id digest; a compressed one's decompression runs
     * ahead on its own thread already) is read ahead of the parser on a thread of its own; with none, the parser
     * reads it itself.
     */
    private static InputStream readAhead(InputStream tar, UnpackOptions options) {
        if (options.writers() == 0) {
            return new FilterInputStream(tar) {
                @Override
                public void close() {
                    // the caller closes the layer
                }
            };
        }
        return new ReadAhead(tar, "unpack-reader");
    }

    /** Applies layers to a directory this caller owns (no staging); every digest checked before it returns. */
    static Result apply(Path dir, List<LayerSource> sources, UnpackOptions options) throws IOException {
        Progress progress = options.progress();
        for (LayerSource s : sources) {
            progress.addTotal(s.size());
        }
        List<Digest> diffIds = new ArrayList<>();
        long bytes = 0;
        long compressed = 0;
        try (LayerApplier applier = new LayerApplier(dir, options)) {
            for (LayerSource s : sources) {
                try (LayerStream o = s.open();
                        InputStream tar = readAhead(o, options)) {
                    long base = compressed;
                    Runnable onEntry =
                            progress == Progress.NONE ? () -> {} : () -> progress.set(base + o.compressedCount());
                    applier.apply(tar, s.where(), onEntry);
                    tar.transferTo(OutputStream.nullOutputStream()); // to the end, where the digests are checked
                    tar.close();
                    o.verifyToEnd();
                    diffIds.add(o.diffId());
                    bytes += o.uncompressedCount();
                    compressed += o.compressedCount();
                    progress.set(compressed);
                }
            }
            applier.finish();
            return new Result(sources.size(), applier.entries(), bytes, compressed, applier, diffIds);
        }
    }
}
