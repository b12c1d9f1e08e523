package dev.layerbench.results;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes that are never seen half-done: a temporary file beside the target, fsync, then an atomic rename. */
final class AtomicFiles {

    private AtomicFiles() {
    }

    static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            moveInto(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Fsyncs {@code source} and renames it onto {@code target} (same file system). */
    static void moveInto(Path source, Path target) throws IOException {
        try (FileChannel ch = FileChannel.open(source, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
