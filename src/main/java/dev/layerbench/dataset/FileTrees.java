package dev.layerbench.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes directory trees the builders made (staging, temp, bundles), never following symlinks out of them. */
final class FileTrees {

    private FileTrees() {
    }

    /**
     * Deletes {@code dir} and everything under it; nothing when it is absent.
     *
     * @throws DatasetException when a bundle's {@code rootfs/proc} is still mounted (deleting would reach the host)
     */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.exists(dir.resolve("rootfs/proc/self"), LinkOption.NOFOLLOW_LINKS)) {
            throw new DatasetException(dir + ": rootfs/proc is still mounted; unmount it before deleting the bundle");
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
