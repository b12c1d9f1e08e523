package dev.layerbench.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InodeWalkTest {

    @TempDir
    Path dir;

    @Test
    void add_aHardLinkInAnotherTree_isMetAgain_notFirst() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve("f"), "x");
        Files.createLink(b.resolve("g"), a.resolve("f"));
        Files.writeString(b.resolve("h"), "y");
        List<String> seen = new ArrayList<>();
        new InodeWalk(DiskUsage.Devices.ONE, (p, s, first) -> seen.add(dir.relativize(p) + (first ? "" : " again")))
                .add(a)
                .add(b);
        assertEquals(
                List.of("a", "a/f", "b", "b/g again", "b/h"),
                seen.stream().sorted().toList());
    }

    @Test
    void add_aFile_isATreeOfOne() throws IOException {
        Path f = Files.writeString(dir.resolve("f"), "x");
        List<Path> seen = new ArrayList<>();
        new InodeWalk(DiskUsage.Devices.ALL, (p, s, first) -> seen.add(p)).add(f);
        assertEquals(List.of(f), seen);
    }
}
