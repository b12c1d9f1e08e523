package dev.layerbench.cli;

import static dev.layerbench.cli.ToolRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.cli.ToolRun.Result;
import dev.layerbench.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutToolTest {

    @TempDir
    Path dir;

    @Test
    void layout_printsARowPerLayoutAndNWritesJsonAndChartLeavesNothingElse() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        Path json = dir.resolve("runs.json");
        Path png = dir.resolve("chart.png");
        Result r = run(
                "layout",
                "--kind",
                "shared,flat,file-dedup",
                "--n",
                "1,3",
                "--dir",
                work.toString(),
                "--json",
                json.toString(),
                "--chart",
                png.toString());
        assertEquals(0, r.code(), r.err());
        for (String k : List.of("shared", "flat", "file-dedup")) {
            for (String n : List.of("1", "3")) {
                assertTrue(
                        r.out().lines().anyMatch(l -> l.matches(k + "\\s+" + n + "\\s.*")),
                        k + " " + n + " in\n" + r.out());
            }
        }
        assertTrue(r.out().contains("flat/shared"), r.out());
        JsonNode runs = Json.MAPPER.readTree(json.toFile());
        assertEquals(6, runs.size());
        byte[] magic = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, magic);
        try (Stream<Path> s = Files.list(work)) {
            assertEquals(List.of(), s.toList(), "layouts and the temporary dataset removed");
        }
    }

    @Test
    void layout_du_countsTreesLikeDu() throws Exception {
        Path t = Files.createDirectory(dir.resolve("t"));
        Files.write(t.resolve("a"), new byte[5000]);
        Files.createLink(t.resolve("b"), t.resolve("a"));
        Result r = run("layout", "--du", t.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("\\d+ bytes 2 inodes 3 links\\s*"), r.out());
    }

    @Test
    void layout_unknownKind_oneLineExit1() {
        Result r = run("layout", "--kind", "zfs", "--dir", dir.toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("no layout 'zfs'"), r.err());
    }

    @Test
    void layout_read_addsTheMemoryTableJsonAndChartOrSaysWhyNot() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        Path json = dir.resolve("runs.json");
        Path png = dir.resolve("memory.png");
        Result r = run(
                "layout",
                "--kind",
                "shared,flat",
                "--n",
                "1,3",
                "--no-workload",
                "--dir",
                work.toString(),
                "--read",
                "all",
                "--json",
                json.toString(),
                "--memory-chart",
                png.toString());
        assertEquals(0, r.code(), r.err());
        if (dev.layerbench.layout.ReadRun.unavailable().isPresent()) {
            assertEquals(
                    1,
                    r.out()
                            .lines()
                            .filter(l -> l.startsWith("memory columns absent: "))
                            .count(),
                    r.out());
            assertTrue(!r.out().contains("MEMORY"), r.out());
            return;
        }
        assertTrue(r.out().lines().anyMatch(l -> l.matches("flat\\s+3\\s+\\d+.*")), r.out());
        JsonNode runs = Json.MAPPER.readTree(json.toFile());
        for (JsonNode o : runs) {
            assertTrue(o.get("pageCacheBytes").asLong() > 0, o.toString());
            assertTrue(o.has("coldReadNanos"), o.toString());
            assertEquals(o.get("n").asInt() > 1, o.has("warmReadNanos"), o.toString());
        }
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(png), 4));
        try (Stream<Path> s = Files.list(work)) {
            assertEquals(List.of(), s.toList(), "layouts and the temporary dataset removed");
        }
    }

    @Test
    void layout_readListWithAMissingPath_oneLineNamingTheFirst() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dev.layerbench.layout.ReadRun.unavailable().isEmpty(), "needs root");
        Path work = Files.createDirectory(dir.resolve("work"));
        Path list = Files.writeString(dir.resolve("list"), "/etc/first-missing\n/etc/second-missing\n");
        Result r = run(
                "layout",
                "--kind",
                "flat",
                "--n",
                "2",
                "--no-workload",
                "--dir",
                work.toString(),
                "--read",
                "@" + list);
        assertEquals(1, r.code(), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("/etc/first-missing") && !r.err().contains("second"), r.err());
        try (Stream<Path> s = Files.list(work)) {
            assertEquals(List.of(), s.toList(), "nothing left behind");
        }
    }

    @Test
    void layout_runACommandTheImageLacks_oneLineNamingImageAndCommand() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dev.layerbench.layout.CommandRun.unavailable().isEmpty(), "needs root, unshare, chroot, strace");
        Path work = Files.createDirectory(dir.resolve("work"));
        Result r = run(
                "layout",
                "--kind",
                "shared-kernel,flat",
                "--n",
                "1",
                "--no-workload",
                "--dir",
                work.toString(),
                "--run",
                "no-such-program --flag");
        assertEquals(1, r.code(), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("no-such-program") && r.err().contains("image-0"), r.err());
        try (Stream<Path> s = Files.list(work)) {
            assertEquals(List.of(), s.toList(), "nothing left behind");
        }
        assertTrue(dev.layerbench.fs.Mount.under(work).isEmpty(), "nothing left mounted");
    }
}
