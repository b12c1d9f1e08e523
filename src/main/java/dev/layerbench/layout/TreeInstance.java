package dev.layerbench.layout;

import dev.layerbench.fs.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A container whose root filesystem is its own directory ({@code flat}, {@code file-dedup}).
 *
 * @param breakLinks whether a write to a file with other hard links first gives it an inode of its own (a copy), so
 *                   that the content store and other containers never see it
 */
record TreeInstance(String name, Path dir, boolean breakLinks) implements DirectoryInstance {

    /** Its own directory. */
    @Override
    public Path root() {
        return dir;
    }

    @Override
    public long modify(String path, byte[] data) throws IOException {
        Path file = dir.resolve(path);
        long copied = 0;
        if (breakLinks) {
            Stat s = Stat.of(file);
            if (s.isRegularFile() && s.nlink() > 1) {
                Path tmp = file.resolveSibling("." + file.getFileName() + ".layerbench-copy");
                Files.copy(file, tmp, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                copied = s.size();
            }
        }
        DirectoryTree.overwrite(file, data);
        return copied;
    }
}
