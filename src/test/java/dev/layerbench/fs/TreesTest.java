package dev.layerbench.fs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreesTest {

    @TempDir
    Path dir;

    @Test
    void delete_readOnlyDirsAndSymlinks_removedWithoutFollowing() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside"), "keep");
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("ro/sub"));
        Files.writeString(root.resolve("ro/sub/f"), "x");
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.setPosixFilePermissions(root.resolve("ro"), PosixFilePermissions.fromString("r-xr-xr-x"));
        Trees.delete(root);
        assertFalse(Files.exists(root));
        assertTrue(Files.exists(outside));
        Trees.delete(root); // absent is fine
    }

    @Test
    void delete_bindMountInside_refusedBeforeAnythingIsDeleted() throws IOException {
        Assumptions.assumeTrue(Posix.geteuid() == 0, "bind mounts need root");
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("precious"), "keep");
        Path root = dir.resolve("root");
        Path mnt = Files.createDirectories(root.resolve("a/mnt"));
        Files.writeString(root.resolve("a/sibling"), "x");
        Mount.mount(source.toString(), mnt, "none", 4096 /* MS_BIND */, null);
        try {
            FileSystemException e = assertThrows(FileSystemException.class, () -> Trees.delete(root));
            assertTrue(e.getMessage().contains("mounted under it"), e.getMessage());
            assertTrue(Files.exists(root.resolve("a/sibling")), "nothing deleted");
            assertTrue(Files.exists(source.resolve("precious")));
        } finally {
            Mount.unmount(mnt, 0);
        }
        Trees.delete(root);
        assertFalse(Files.exists(root));
        assertTrue(Files.exists(source.resolve("precious")));
    }
}
