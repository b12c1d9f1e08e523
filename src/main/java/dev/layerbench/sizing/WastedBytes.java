package dev.layerbench.sizing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Wasted bytes as dive counts them, the one place the rule is written: every appearance of a path in a layer counts
 * (a file with its size, a whiteout with the bytes of the tree it removes, anything else with 0), and the bytes of
 * every appearance of a path that appears in two or more layers are wasted, the first appearance included. Appearances
 * are recorded layer by layer, bottom first; each layer's share is the bytes of its own appearances of such paths.
 *
 * @see <a href="https://github.com/wagoodman/dive/blob/main/dive/filetree/efficiency.go">dive, filetree/efficiency.go</a>
 */
final class WastedBytes {

    /** Per path: appearances, the first one's layer and bytes. */
    private final Map<String, long[]> seen = new HashMap<>();

    private long[] byLayer = new long[8];
    private int layers;

    /** Records that {@code path} appears in {@code layer} (0 at the bottom, never lower than an earlier call's). */
    void appear(int layer, String path, long bytes) {
        if (layer >= byLayer.length) {
            byLayer = Arrays.copyOf(byLayer, Math.max(layer + 1, byLayer.length * 2));
        }
        layers = Math.max(layers, layer + 1);
        long[] s = seen.get(path);
        if (s == null) {
            seen.put(path, new long[] {1, layer, bytes});
            return;
        }
        if (++s[0] == 2) {
            byLayer[(int) s[1]] += s[2]; // the first appearance is wasted too, now that there is a second
        }
        byLayer[layer] += bytes;
    }

    /** Wasted bytes per layer, bottom first, for {@code count} layers. */
    long[] byLayer(int count) {
        return Arrays.copyOf(byLayer, count);
    }

    /** Wasted bytes of all layers. */
    long total() {
        long t = 0;
        for (int i = 0; i < layers; i++) {
            t += byLayer[i];
        }
        return t;
    }
}
