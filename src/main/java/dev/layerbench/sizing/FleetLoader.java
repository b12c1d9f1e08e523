package dev.layerbench.sizing;

import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a fleet's images from image sources (OCI layout, oci-archive, docker-archive): every image a source holds,
 * each with the source's container count, layers summarized through a {@link SummaryCache} (streamed once, at most
 * one layer per core at a time, then read from the cache).
 */
public final class FleetLoader {

    /** An image source and how many containers run from each image it holds. */
    public record Source(Path path, int containers) {
        public Source {
            if (path == null) {
                throw new IllegalArgumentException("an image source needs a path");
            }
            if (containers < 1) {
                throw new IllegalArgumentException(
                        path + ": container count " + containers + " is not a positive number");
            }
        }
    }

    private final SummaryCache cache;

    public FleetLoader(SummaryCache cache) {
        this.cache = cache;
    }

    public List<FleetImage> load(List<Source> sources) throws IOException {
        List<FleetImage> images = new ArrayList<>();
        for (Source s : sources) {
            try (ImageArchive archive = ImageArchive.open(s.path())) {
                List<String> refs = archive.refs();
                if (refs.size() <= 1) {
                    Image image = archive.image(null);
                    images.add(new FleetImage(name(s.path(), image.ref()), s.containers(), summaries(archive, image)));
                } else {
                    for (String ref : refs) {
                        Image image = archive.image(ref);
                        images.add(new FleetImage(name(s.path(), ref), s.containers(), summaries(archive, image)));
                    }
                }
            }
        }
        return images;
    }

    private static String name(Path source, String ref) {
        return ref == null || ref.isEmpty() ? source.getFileName().toString() : ref;
    }

    private List<LayerSummary> summaries(ImageArchive archive, Image image) throws IOException {
        int threads =
                Math.max(1, Math.min(image.layers().size(), Runtime.getRuntime().availableProcessors()));
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<LayerSummary>> futures = new ArrayList<>();
            for (Layer layer : image.layers()) {
                futures.add(pool.submit(() -> cache.get(archive, layer)));
            }
            List<LayerSummary> out = new ArrayList<>();
            for (Future<LayerSummary> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(archive.source() + ": " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while summarizing " + archive.source(), e);
                }
            }
            return out;
        }
    }
}
