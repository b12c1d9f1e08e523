package dev.layerbench.bench;

import dev.layerbench.oci.Whiteouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic layer stack on disk for the union benchmarks: a bottom layer with {@code baseFiles} files in 50
 * directories (a small distribution's shape, 4-component paths), and {@code depth - 1} layers above it that each add
 * two files to shared directories and one to a directory of their own. The top layer whites out one bottom file.
 */
final class StackFixture {

    static final String HIT_TOP = "usr/share/top/only-in-top";
    static final String HIT_BOTTOM = "usr/lib/d7/f3";
    static final String MISS = "usr/lib/d7/absent";
    static final String WHITED_OUT = "usr/lib/d9/f1";

    final Path root;
    final List<Path> layers = new ArrayList<>();

    StackFixture(Path parent, int depth, int baseFiles) throws IOException {
        root = Files.createTempDirectory(parent, "stack-" + depth + "-");
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
        if (depth > 1) {
            Files.createDirectories(top.resolve("usr/lib/d9"));
            Files.createFile(top.resolve("usr/lib/d9/" + Whiteouts.PREFIX + "f1"));
        }
    }

    void delete() throws IOException {
        dev.layerbench.fs.Trees.delete(root);
    }
}
