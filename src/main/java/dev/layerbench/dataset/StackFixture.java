package dev.layerbench.dataset;

import dev.layerbench.fs.Trees;
import dev.layerbench.oci.Whiteouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic layer stack on disk that the union benchmarks and {@code peers --only lookup} read: layer directories
 * {@code 0}..{@code depth-1} under one root (so an overlay's lowerdir option stays short), a bottom layer with
 * {@code baseFiles} files in 50 directories (a small distribution's shape, 4-component paths), and {@code depth - 1}
 * layers above it that each add two files to shared directories and one to a directory of their own. The top layer
 * holds {@link #HIT_TOP} and, with {@link TopWhiteout#OCI} over more than one layer, whites out {@link #WHITED_OUT}.
 *
 * @param root   the directory holding the layers (and nothing else)
 * @param layers the layer directories, bottom first
 */
public record StackFixture(Path root, List<Path> layers) {

    /** Whether the top layer whites out a bottom file. */
    public enum TopWhiteout {
        /** No whiteout: a kernel overlay and the union view read the same trees. */
        NONE,
        /** A {@code .wh.} file in the top layer hides {@link #WHITED_OUT}. */
        OCI
    }

    /** A file of the top layer. */
    public static final String HIT_TOP = "usr/share/top/only-in-top";
    /** A file of the bottom layer: found only after looking through every layer above. */
    public static final String HIT_BOTTOM = "usr/lib/d7/f3";
    /** A name no layer has, in a directory every layer may have. */
    public static final String MISS = "usr/lib/d7/absent";
    /** A bottom file the top layer whites out ({@link TopWhiteout#OCI}). */
    public static final String WHITED_OUT = "usr/lib/d9/f1";

    public StackFixture {
        layers = List.copyOf(layers);
    }

    /** Builds a stack of {@code depth} layers in a new directory {@code stack-<depth>-*} under {@code parent}. */
    public static StackFixture create(Path parent, int depth, int baseFiles, TopWhiteout whiteout) throws IOException {
        if (depth < 1 || baseFiles < 0) {
            throw new IllegalArgumentException(
                    "a stack needs depth >= 1 and baseFiles >= 0, got " + depth + ", " + baseFiles);
        }
        Path root = Files.createTempDirectory(parent, "stack-" + depth + "-");
        List<Path> layers = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            Path l = root.resolve(Integer.toString(i));
            Files.createDirectories(l);
            layers.add(l);
        }
        Path bottom = layers.get(0);
        for (int f = 0; f < baseFiles; f++) {
            Path p = bottom.resolve("usr/lib/d" + (f % 50) + "/f" + (f / 50));
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x");
        }
        for (int i = 1; i < depth; i++) {
            Path l = layers.get(i);
            Files.createDirectories(l.resolve("usr/lib/d" + (i % 50)));
            Files.writeString(l.resolve("usr/lib/d" + (i % 50) + "/layer" + i), "y");
            Files.createDirectories(l.resolve("etc"));
            Files.writeString(l.resolve("etc/conf" + i), "z");
            Files.createDirectories(l.resolve("opt/layer" + i));
            Files.writeString(l.resolve("opt/layer" + i + "/data"), "w");
        }
        Path top = layers.get(depth - 1);
        Files.createDirectories(top.resolve("usr/share/top"));
        Files.writeString(top.resolve(HIT_TOP), "top");
        if (depth > 1 && whiteout == TopWhiteout.OCI) {
            Files.createDirectories(top.resolve("usr/lib/d9"));
            Files.createFile(top.resolve("usr/lib/d9/" + Whiteouts.PREFIX + "f1"));
        }
        return new StackFixture(root, layers);
    }

    /** The layers' directory names, bottom first. */
    public List<String> names() {
        return layers.stream().map(p -> p.getFileName().toString()).toList();
    }

    /** Removes the stack. */
    public void delete() throws IOException {
        Trees.delete(root);
    }
}
