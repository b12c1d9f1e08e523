package dev.layerbench.fs;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Removing a directory tree, the one deleter every package uses: symlinks are removed, never followed; read-only
 * directories are opened so they can be emptied; nothing is deleted while anything is mounted at or under the root
 * ({@code /proc/self/mountinfo}, bind mounts included), and the walk refuses to descend into another filesystem all
 * the same, so nothing mounted there is ever deleted.
 */
public final class Trees {

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private Trees() {}

    /** Deletes {@code root} and everything below it; absent is fine. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(root);
            return;
        }
        if (Files.isReadable(MOUNTINFO)) {
            List<Path> mounted = Mount.under(root);
            if (!mounted.isEmpty()) {
                throw new FileSystemException(
                        root.toString(),
                        null,
                        mounted.getFirst() + " is mounted under it; unmount it first (umount " + mounted.getFirst()
                                + "); nothing deleted");
            }
        }
        long dev = Stat.of(root).dev();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (Stat.of(d).dev() != dev) {
                    throw new FileSystemException(
                            d.toString(),
                            null,
                            "a mount point inside a tree being removed; unmount it first (umount " + d + ")");
                }
                Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
                p.addAll(Files.getPosixFilePermissions(d, LinkOption.NOFOLLOW_LINKS));
                if (p.addAll(Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE))) {
                    Files.setPosixFilePermissions(d, p); // a read-only directory must be opened to empty it
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
