package dev.layerbench.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Unpacked layer directories for tests of views over them: a map from relative path to content, {@value #DIR} for an
 * empty directory; parent directories are made on the way. Whiteouts are written in their OCI form, as files named
 * {@code .wh.NAME} and {@code .wh..wh..opq}.
 *
 * <pre>{@code
 * Path l1 = LayerDirs.write(dir.resolve("l1"), Map.of("etc/a", "a1", "etc/.wh.b", "", "var/empty", LayerDirs.DIR));
 * }</pre>
 */
public final class LayerDirs {

    /** The content that stands for an empty directory. */
    public static final String DIR = "<dir>";

    private LayerDirs() {}

    /** Makes {@code root} and the given files and directories under it; returns {@code root}. */
    public static Path write(Path root, Map<String, String> files) throws IOException {
        Files.createDirectories(root);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = root.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            if (f.getValue().equals(DIR)) {
                Files.createDirectories(p);
            } else {
                Files.writeString(p, f.getValue());
            }
        }
        return root;
    }
}
