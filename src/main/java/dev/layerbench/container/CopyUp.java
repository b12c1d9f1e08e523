package dev.layerbench.container;

import dev.layerbench.fs.Clone;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** How a lower file's data reaches the upper layer on first write. */
public enum CopyUp {
    /** Read and write through Java streams: always copies the bytes. */
    STREAM {
        @Override
        void copy(Path source, Path target, int mode) throws IOException {
            try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS);
                    OutputStream out =
                            Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                in.transferTo(out);
            }
        }
    },
    /**
     * The JDK's {@link Files#copy(Path, Path, java.nio.file.CopyOption...)}: on Linux with Java 25 it uses
     * copy_file_range, which the filesystem may turn into a clone (XFS reflink=1, btrfs) or an in-kernel copy (ext4).
     */
    JDK {
        @Override
        void copy(Path source, Path target, int mode) throws IOException {
            Files.copy(source, target, LinkOption.NOFOLLOW_LINKS);
        }
    },
    /** {@code ioctl(FICLONE)}: shares extents or fails loudly where the filesystem cannot clone. */
    CLONE {
        @Override
        void copy(Path source, Path target, int mode) throws IOException {
            Clone.file(source, target, mode);
        }
    };

    /** Copies a regular file's data to a new file {@code target}. */
    abstract void copy(Path source, Path target, int mode) throws IOException;
}
