package dev.layerbench.union;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What indexed views share: one {@link LayerDir} per layer directory (its listings read once), and one merged
 * directory per (directory, contributing layers), so stacks built on the same layers share their merged directories.
 * {@link #shared()} is the process-wide cache; a new instance starts cold, as after a mount.
 */
public final class LayerCache {

    private static final LayerCache SHARED = new LayerCache();

    private final Map<Path, LayerDir> layers = new ConcurrentHashMap<>();
    private final Map<MergedKey, MergedDir> merged = new ConcurrentHashMap<>();

    record MergedKey(String path, List<LayerDir> contributors) {}

    public static LayerCache shared() {
        return SHARED;
    }

    public static LayerCache cold() {
        return new LayerCache();
    }

    public LayerDir layer(Path root) {
        return layers.computeIfAbsent(root.toAbsolutePath().normalize(), LayerDir::new);
    }

    MergedDir merged(String path, List<LayerDir> contributors) {
        MergedKey key = new MergedKey(path, contributors);
        MergedDir existing = merged.get(key);
        return existing != null ? existing : merged.computeIfAbsent(key, k -> new MergedDir(path, contributors));
    }

    /** Merged directories held, for memory reports. */
    public int mergedDirectories() {
        return merged.size();
    }

    /** Forgets a layer directory (after it was deleted or rewritten) and every merged directory built on it. */
    public void forget(Path root) {
        LayerDir dir = layers.remove(root.toAbsolutePath().normalize());
        if (dir != null) {
            merged.keySet().removeIf(k -> k.contributors().contains(dir));
        }
    }
}
