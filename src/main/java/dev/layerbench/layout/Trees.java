package dev.layerbench.layout;

import dev.layerbench.fs.Stat;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Removing a tree a layout made: symlinks never followed, read-only directories opened, mount points refused. */
final class Trees {

    private Trees() {
    }

    /** Deletes {@code root} and everything below it; absent is fine. */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        long dev = Stat.of(root).dev();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (Stat.of(d).dev() != dev) {
                    throw new LayoutException(d + ": a mount point inside a layout; unmount it before removing (umount " + d + ")");
                }
                Set<PosixFilePermission> p = EnumSet.copyOf(Files.getPosixFilePermissions(d, LinkOption.NOFOLLOW_LINKS));
                if (p.addAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
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
