package dev.layerbench.union;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An ordered stack of read-only layer directories, bottom first, from 1 to any number of layers (tested to 4096;
 * the kernel's overlayfs stops at 500, Docker at 125-128).
 */
public final class LayerStack {

    private final List<Path> layers;
    private final LayerCache cache;

    private LayerStack(List<Path> layers, LayerCache cache) {
        this.layers = List.copyOf(layers);
        this.cache = cache;
    }

    /** A stack over existing directories, bottom first, sharing the process-wide {@link LayerCache}. */
    public static LayerStack of(List<Path> bottomToTop) {
        return of(bottomToTop, LayerCache.shared());
    }

    public static LayerStack of(List<Path> bottomToTop, LayerCache cache) {
        if (bottomToTop.isEmpty()) {
            throw new IllegalArgumentException("a layer stack needs at least one layer");
        }
        for (Path p : bottomToTop) {
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException(p + ": not a layer directory");
            }
        }
        return new LayerStack(bottomToTop, cache);
    }

    public List<Path> layers() {
        return layers;
    }

    public int depth() {
        return layers.size();
    }

    public LayerCache cache() {
        return cache;
    }

    /** A read view of the stack. */
    public UnionView view(Lookup lookup) {
        return switch (lookup) {
            case INDEXED -> new IndexedView(cache, dirs());
            case NAIVE -> new NaiveView(dirs());
        };
    }

    private List<LayerDir> dirs() {
        List<LayerDir> dirs = new ArrayList<>();
        for (Path p : layers) {
            dirs.add(cache.layer(p));
        }
        return dirs;
    }
}
