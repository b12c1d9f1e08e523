package dev.layerbench.cli;

import static dev.layerbench.cli.ToolRun.run;

import dev.layerbench.cli.ToolRun.Result;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.store.Json;
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
        Result r = run("layout", "--kind", "shared,flat,file-dedup", "--n", "1,3", "--dir", work.toString(),
                "--json", json.toString(), "--chart", png.toString());
        assertEquals(0, r.code(), r.err());
        for (String k : List.of("shared", "flat", "file-dedup")) {
            for (String n : List.of("1", "3")) {
                assertTrue(r.out().lines().anyMatch(l -> l.matches(k + "\\s+" + n + "\\s.*")), k + " " + n + " in\n" + r.out());
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
}
