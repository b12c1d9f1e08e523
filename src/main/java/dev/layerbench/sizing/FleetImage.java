package dev.layerbench.sizing;

import java.util.List;

/**
 * One image of a fleet and how many containers run from it.
 *
 * @param ref        the image's name in reports
 * @param containers containers started from it (at least 1)
 * @param layers     its layers' summaries, bottom first
 */
public record FleetImage(String ref, int containers, List<LayerSummary> layers) {

    public FleetImage {
        if (ref == null || layers == null) {
            throw new IllegalArgumentException("a fleet image needs a ref and layers");
        }
        if (containers < 1) {
            throw new IllegalArgumentException(ref + ": container count " + containers + " is not a positive number");
        }
        layers = List.copyOf(layers);
    }

    public FleetImage withContainers(int n) {
        return new FleetImage(ref, n, layers);
    }
}
