package dev.layerbench.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountTest {

    @TempDir
    Path dir;

    @Test
    void overlay_stackTooLongForOnePageOfOptions_mountsByDescriptor() throws Exception {
        assumeTrue(Posix.isRoot(), "needs root (mounts)");
        assumeTrue(Mount.overlayKnown().orElse(true), "needs overlayfs");
        // 64 layers of 150-byte paths: about 9,700 bytes of lowerdir, over the page mount(2) passes
        List<Path> lower = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Path l = Files.createDirectories(dir.resolve(
                    String.format("%03d-", i) + "x".repeat(150 - dir.toString().length() - 6)));
            Files.writeString(l.resolve("f" + i), "layer " + i);
            Files.writeString(l.resolve("top"), "layer " + i);
            lower.add(l);
        }
        assertTrue(lower.stream().mapToInt(p -> p.toString().length() + 1).sum() > Mount.OPTIONS_MAX);
        Path upper = Files.createDirectory(dir.resolve("upper"));
        Path work = Files.createDirectory(dir.resolve("work"));
        Path merged = Files.createDirectory(dir.resolve("merged"));
        Mount.overlay(lower, upper, work, merged);
        try {
            for (int i = 0; i < 64; i++) {
                assertEquals("layer " + i, Files.readString(merged.resolve("f" + i)));
            }
            assertEquals("layer 63", Files.readString(merged.resolve("top")), "the last layer given is the top one");
        } finally {
            Mount.unmount(merged, 0);
        }
        assertEquals(List.of(), Mount.under(dir));
    }
}
