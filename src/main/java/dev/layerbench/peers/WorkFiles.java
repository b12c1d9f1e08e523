package dev.layerbench.peers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Making inputs in the work directory and reading files into the page cache (trees are removed with {@link dev.layerbench.fs.Trees}). */
final class WorkFiles {

    private WorkFiles() {}

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
