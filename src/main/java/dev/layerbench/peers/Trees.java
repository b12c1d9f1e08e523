package dev.layerbench.peers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.SplittableRandom;

/** Making inputs and removing results in the work directory; never follows a symlink, never crosses a mount. */
final class Trees {

    private Trees() {
    }

    /** Deletes a tree if it exists; refuses when something is still mounted under it. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Mounts.refuseIfMountedUnder(dir);
        dev.layerbench.fs.Trees.delete(dir);
    }


    /** A file of {@code size} seeded random bytes (incompressible, as a compressed layer is). */
    static Path randomFile(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
        }
        if (Files.size(file) != size) {
            throw new PeersException(file + ": " + Files.size(file) + " bytes written, wanted " + size);
        }
        return file;
    }

    /** Reads a file to its end (to have it in the page cache); returns its size. */
    static long readAll(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
