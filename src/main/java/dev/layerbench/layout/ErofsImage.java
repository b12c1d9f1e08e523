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
     * Chunk size for metadata-only images, whose files are holes of the right size. erofs-utils 1.5 (Debian 12) has no
     * hole detection, but stores each distinct chunk once per image: the smallest chunk (a block) leaves one zero block
     * plus one zero tail per distinct tail length (at most 4095 of them, under 8 MiB per image whatever its size), where
     * composefs' own writer stores null chunks and nothing.
     */
    static final long SPARSE_CHUNK = 4096;

    /** Where mkfs.erofs keeps the blob of chunk-based files. */
    private static final Path BLOB_DIR = Path.of("/tmp");

    private ErofsImage() {}

    /**
     * Writes the image of {@code tree} to {@code image} (a temporary name, renamed when complete).
     *
     * @param sparse whether the tree's files are holes only (metadata images): stored chunk-based, holes as null chunks
     * @throws IOException one line naming the command and what it printed when mkfs.erofs fails
     */
    static void make(Path tree, Path image, boolean sparse) throws IOException {
        Path tmp = image.resolveSibling("." + image.getFileName() + ".tmp");
        // chunk-based files go through a blob in an O_TMPFILE under /tmp (glibc's tmpfile() takes no TMPDIR), copied
        // into the image with copy_file_range, which fails across filesystems: such an image is written under /tmp
        Path out = sparse ? Files.createTempFile(BLOB_DIR, ".layerbench-", ".erofs") : tmp;
        List<String> cmd = new ArrayList<>(List.of(MKFS, "--quiet", "--preserve-mtime"));
        if (sparse) {
            cmd.add("--chunksize=" + SPARSE_CHUNK);
        }
        cmd.add(out.toString());
        cmd.add(tree.toString());
        try {
            Programs.run(cmd);
            if (!out.equals(tmp)) {
                Files.copy(out, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, image, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(tmp);
        }
    }
}
