package dev.layerbench.layout;

import dev.layerbench.fs.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An EROFS image of a directory tree made with erofs-utils' {@code mkfs.erofs}: owners, modes, modification times,
 * device nodes (overlay whiteouts) and xattrs ({@code trusted.overlay.*}) kept, data uncompressed.
 */
final class ErofsImage {

    /** The program, to check it is installed. */
    static final String MKFS = "mkfs.erofs";

    /**
     * Chunk size for metadata-only images: files of the tree are sparse (their size, no data), and chunk-based files
     * store a hole as a null chunk instead of zeros.
     */
    static final long SPARSE_CHUNK = 1L << 20;

    private ErofsImage() {
    }

    /**
     * Writes the image of {@code tree} to {@code image} (a temporary name, renamed when complete).
     *
     * @param sparse whether the tree's files are holes only (metadata images): stored chunk-based, holes as null chunks
     * @throws IOException one line naming the command and what it printed when mkfs.erofs fails
     */
    static void make(Path tree, Path image, boolean sparse) throws IOException {
        Path tmp = image.resolveSibling("." + image.getFileName() + ".tmp");
        List<String> cmd = new ArrayList<>(List.of(MKFS, "--quiet", "--preserve-mtime"));
        if (sparse) {
            cmd.add("--chunksize=" + SPARSE_CHUNK);
        }
        cmd.add(tmp.toString());
        cmd.add(tree.toString());
        try {
            Programs.run(cmd);
            Files.move(tmp, image, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
