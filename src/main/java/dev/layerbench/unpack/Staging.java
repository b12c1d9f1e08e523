package dev.layerbench.unpack;

import dev.layerbench.fs.HeldLock;
import dev.layerbench.fs.Trees;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A staging directory beside a target directory (same parent, so same file system): filled, then renamed onto the
 * target in one {@code rename(2)}, which also replaces an empty target directory. Closed without {@link #commit()}, it
 * is deleted, and the target is as it was. Durability (fsync) is not the point: a reader never sees a half-applied
 * target.
 */
final class Staging implements AutoCloseable {

    private final Path target;
    private final Path dir;
    private boolean committed;

    private Staging(Path target, Path dir) {
        this.target = target;
        this.dir = dir;
    }

    /**
     * Creates {@code .NAME.unpack-<pid>-XXXX} beside {@code target}, which must be absent or an empty directory.
     *
     * @throws UnpackException when the target is a non-empty directory or not a directory
     */
    static Staging beside(Path target) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        if (t.getParent() == null) {
            throw new UnpackException(target + ": cannot unpack into the root directory");
        }
        checkNewOrEmpty(t, target);
        Files.createDirectories(t.getParent());
        Path dir = newDirectory(t.getParent(), prefix(t.getFileName().toString()) + HeldLock.pid() + "-");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Staging(t, dir);
    }

    /**
     * Makes a new directory {@code PREFIX<random>} in {@code parent}, as {@link Files#createTempDirectory} does but
     * named from {@link ThreadLocalRandom}: the JDK's {@code SecureRandom} costs a small tool 10-20 ms to start, and the
     * name needs no secrecy ({@code mkdir} never follows a planted symlink; a taken name is passed over).
     */
    static Path newDirectory(Path parent, String prefix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path dir = parent.resolve(
                    prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()));
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** The name a staging directory for {@code name} starts with. */
    static String prefix(String name) {
        return "." + name + ".unpack-";
    }

    static void checkNewOrEmpty(Path t, Path shown) throws IOException {
        BasicFileAttributes a = ConfinedResolver.lstat(t);
        if (a == null) {
            return;
        }
        if (!a.isDirectory()) {
            throw new UnpackException(
                    shown + ": exists and is not a directory (unpack needs a new or empty directory)");
        }
        try (var s = Files.list(t)) {
            if (s.findAny().isPresent()) {
                throw new UnpackException(shown + ": directory is not empty (unpack needs a new or empty directory)");
            }
        }
    }

    Path dir() {
        return dir;
    }

    Path target() {
        return target;
    }

    /**
     * Renames the staging directory onto the target.
     *
     * @return false when another unpack put a non-empty target there meanwhile (this staging is then discarded)
     */
    boolean commit() throws IOException {
        try {
            Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            return true;
        } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
            return false;
        } catch (AtomicMoveNotSupportedException e) {
            throw new UnpackException(target + ": cannot rename the staging directory into place: " + e.getReason());
        } catch (FileSystemException e) {
            if (isNonEmptyDirectory(target)) {
                return false; // ENOTEMPTY, which the JDK reports as a plain FileSystemException
            }
            throw e;
        }
    }

    private static boolean isNonEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            Trees.delete(dir);
        }
    }
}
