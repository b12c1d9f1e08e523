package dev.layerbench.fs;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writing a file that no reader ever sees half-written: the content goes to a temporary file beside the target (same
 * directory, so the same filesystem), which is then renamed onto it ({@code rename(2)} replaces atomically). How much
 * survives a crash is the caller's explicit choice ({@link Durability}). The temporary file is removed on failure; the
 * new file has mode {@code 0644} less the umask, as a plain write would give.
 */
public final class AtomicFile {

    /** What a crash right after the write returns may lose. */
    public enum Durability {
        /** No fsync: readers see the old or the new content, never a part; a crash may leave the old one or an empty file. */
        ATOMIC_ONLY,
        /** The content is fsynced before the rename: after a crash, the old content or all of the new one. */
        FILE_SYNCED,
        /** Also the directory, after the rename: once this returns, the new content survives a crash. */
        DIRECTORY_SYNCED
    }

    /** Writes a file's content to a stream (closing it is harmless: the file is closed after). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {}

    /** Replaces (or creates) {@code target} with {@code content}; its directory is created when missing. */
    public static void write(Path target, Durability durability, byte[] content) throws IOException {
        write(target, durability, out -> out.write(content));
    }

    /** Replaces (or creates) {@code target} with what {@code content} writes; its directory is created when missing. */
    public static void write(Path target, Durability durability, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(
                dir,
                "." + target.getFileName(),
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush(); // a writer that closes its stream (Jackson does) must not close the channel
                    }
                });
                out.flush();
                if (durability != Durability.ATOMIC_ONLY) {
                    ch.force(true);
                }
            }
            rename(temp, target, durability);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Renames a finished temporary file onto {@code target} (same filesystem), fsyncing it first unless
     * {@link Durability#ATOMIC_ONLY}: for callers that must write the temporary file themselves.
     */
    public static void moveInto(Path temp, Path target, Durability durability) throws IOException {
        if (durability != Durability.ATOMIC_ONLY) {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        rename(temp, target, durability);
    }

    private static void rename(Path temp, Path target, Durability durability) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (durability == Durability.DIRECTORY_SYNCED) {
            try (FileChannel dir = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException e) {
                // some filesystems refuse fsync on a directory; the rename is atomic there all the same
            }
        }
    }
}
