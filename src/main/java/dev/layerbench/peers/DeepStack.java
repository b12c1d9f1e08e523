package dev.layerbench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Layer directories named {@code 0}..{@code depth-1} under one base (so an overlay's lowerdir option stays short):
 * a bottom layer with {@code baseFiles} files in 50 directories, and layers above that each add a file to a shared
 * directory and one of their own. No whiteouts: both sides read the same trees in any whiteout form.
 */
record DeepStack(Path base, List<Path> layers) {

    /** A file of the bottom layer: found only after looking through every layer above. */
    static final String HIT_BOTTOM = "usr/lib/d7/f3";
    /** A file of the top layer. */
    static final String HIT_TOP = "usr/share/top/only-in-top";
    /** A name no layer has, in a directory every layer may have. */
    static final String MISS = "usr/lib/d7/absent";

    static DeepStack make(Path base, int depth, int baseFiles) throws IOException {
        List<Path> layers = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            Path l = base.resolve(Integer.toString(i));
            Files.createDirectories(l);
            layers.add(l);
        }
        for (int f = 0; f < baseFiles; f++) {
            Path p = layers.getFirst().resolve("usr/lib/d" + (f % 50) + "/f" + (f / 50));
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x");
        }
        for (int i = 1; i < depth; i++) {
            Path l = layers.get(i);
            Files.createDirectories(l.resolve("usr/lib/d" + (i % 50)));
            Files.writeString(l.resolve("usr/lib/d" + (i % 50) + "/layer" + i), "y");
            Files.createDirectories(l.resolve("opt/layer" + i));
            Files.writeString(l.resolve("opt/layer" + i + "/data"), "w");
        }
        Files.createDirectories(base.resolve(EMPTY));
        Path top = layers.getLast().resolve(HIT_TOP);
        Files.createDirectories(top.getParent());
        Files.writeString(top, "top");
        return new DeepStack(base, layers);
    }

    List<String> names() {
        return layers.stream().map(p -> p.getFileName().toString()).toList();
    }

    /** An empty directory beside the layers, for the kernel's read-only mount of a single layer. */
    static final String EMPTY = "empty";

    /**
     * The read-only overlay option for this stack, relative to {@link #base}. The kernel wants two lower layers for a
     * mount without an upper, so a stack of one layer is mounted over an empty directory.
     */
    String lowerdir() {
        if (layers.size() == 1) {
            return Mounts.lowerdir(List.of(EMPTY, names().getFirst()));
        }
        return Mounts.lowerdir(names());
    }
}
