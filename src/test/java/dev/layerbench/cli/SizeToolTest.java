package dev.layerbench.cli;

import static dev.layerbench.cli.ToolRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.cli.ToolRun.Result;
import dev.layerbench.codec.Compression;
import dev.layerbench.json.Json;
import dev.layerbench.testing.LayerFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SizeToolTest {

    @TempDir
    Path dir;

    Path image;
    Path store;

    @BeforeEach
    void image() throws Exception {
        image = dir.resolve("image");
        LayerFixtures.image(
                image,
                "fixture",
                Compression.GZIP,
                List.of(LayerFixtures.base(), LayerFixtures.whiteouts(), LayerFixtures.hardLinks()));
        store = dir.resolve("store");
    }

    @Test
    void size_table_listsEveryLayoutAndTheImage() {
        Result r = run(
                "size",
                "--image",
                image + ":10",
                "--store",
                store.toString(),
                "--workload",
                "modify=2x4KiB,add=1x1MiB");
        assertEquals(0, r.code(), r.err());
        for (String layout : List.of("shared", "flat", "file-dedup", "chunk-dedup")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(layout + " ")), r.out());
        }
        assertTrue(r.out().contains("fixture"), r.out());
        assertTrue(r.out().contains("summaries: 3 made, 0 read"), r.out());
        Result again = run("size", "--image", image + ":10", "--store", store.toString());
        assertTrue(again.out().contains("summaries: 0 made, 3 read"), again.out());
    }

    @Test
    void size_json_hasTheDocumentedFields() throws Exception {
        Result r = run("size", "--image", image + ":7", "--store", store.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = Json.MAPPER.readTree(r.out());
        assertEquals(7, root.path("containers").asInt());
        assertEquals(6, root.path("layouts").size());
        assertEquals("erofs", root.path("layouts").get(4).path("name").asText());
        assertEquals("composefs-style", root.path("layouts").get(5).path("name").asText());
        for (JsonNode l : root.path("layouts")) {
            for (String f : List.of("name", "bytes", "inodes", "bytesPerContainer")) {
                assertTrue(l.has(f), f + " in " + l);
            }
        }
        JsonNode img = root.path("images").get(0);
        for (String f : List.of("ref", "containers", "sharedBytes", "uniqueBytes", "wastedBytes")) {
            assertTrue(img.has(f), f + " in " + img);
        }
        assertTrue(img.path("wastedBytes").asLong() > 0, "etc/passwd and var/cache deleted: " + img);
        for (String f : List.of("layer", "file", "chunk")) {
            assertTrue(root.path("dedup").has(f), f);
        }
    }

    @Test
    void size_read_addsMemoryPerLayoutScaledByTheFraction() throws Exception {
        Result all =
                run("size", "--image", image + ":4", "--store", store.toString(), "--format", "json", "--read", "all");
        assertEquals(0, all.code(), all.err());
        Result half =
                run("size", "--image", image + ":4", "--store", store.toString(), "--format", "json", "--read", "0.5");
        JsonNode a = Json.MAPPER.readTree(all.out()).path("layouts");
        JsonNode h = Json.MAPPER.readTree(half.out()).path("layouts");
        long shared = a.get(0).path("memoryBytes").asLong();
        long flat = a.get(1).path("memoryBytes").asLong();
        assertTrue(shared > 0, a.toString());
        assertEquals(4 * shared, flat, shared * 0.3, "four flat copies of about the shared base's pages: " + a);
        assertEquals(Math.round(flat * 0.5), h.get(1).path("memoryBytes").asLong());
        assertTrue(!a.get(3).has("memoryBytes"), "chunk-dedup is not modelled");
        Result table = run("size", "--image", image + ":4", "--store", store.toString(), "--read", "all");
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("LAYOUT") && l.contains("MEMORY")), table.out());
        Result bad = run("size", "--image", image + ":4", "--store", store.toString(), "--read", "2");
        assertEquals(1, bad.code());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().contains("--read 2"), bad.err());
    }

    @Test
    void size_csv_oneRowPerLayout() {
        Result r = run(
                "size",
                "--image",
                image.toString(),
                "--store",
                store.toString(),
                "--format",
                "csv",
                "--workload",
                "modify=1x4KiB,add=2x8KiB");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(7, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("layout,bytes,inodes,bytesPerContainer"), lines.get(0));
        assertTrue(lines.get(6).startsWith("composefs-style,"), lines.get(6));
        assertTrue(lines.get(1).startsWith("shared,"), lines.get(1));
        assertTrue(lines.get(1).endsWith(",\"modify=1x4KiB,add=2x8KiB\""), lines.get(1));
    }

    @Test
    void size_chartAndExport_writeFiles() throws Exception {
        Path png = dir.resolve("fleet.png");
        Path export = dir.resolve("export");
        Result r = run(
                "size",
                "--image",
                image + ":50",
                "--store",
                store.toString(),
                "--chart",
                png.toString(),
                "--export",
                export.toString(),
                "--export-format",
                "csv");
        assertEquals(0, r.code(), r.err());
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        List<String> rows = Files.readAllLines(export.resolve("images.csv"));
        assertEquals("ref,containers,layer_index,diff_id", rows.getFirst());
        assertEquals(4, rows.size());
        try (var s = Files.list(export.resolve("summaries/sha256"))) {
            assertEquals(3, s.count());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ext4", "xfs", "btrfs"})
    void size_parquetExport_sqlGivesTheJsonLayouts(String fs) throws Exception {
        Path export = dir.resolve("export");
        Result r = run(
                "size",
                "--image",
                image + ":5",
                "--store",
                store.toString(),
                "--fs",
                fs,
                "--workload",
                "modify=2x4KiB,add=3x10000,delete=1",
                "--format",
                "json",
                "--read",
                "0.6",
                "--export",
                export.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode root = Json.MAPPER.readTree(r.out());
        dev.layerbench.sizing.SqlSizing.Report sql = dev.layerbench.sizing.SqlSizing.run(export);
        List<JsonNode> inSql = new java.util.ArrayList<>();
        for (JsonNode l : root.path("layouts")) {
            if (!dev.layerbench.sizing.SqlSizing.NOT_IN_SQL_YET.contains(
                            l.path("name").asText())
                    || sql.layouts().stream()
                            .anyMatch(row -> l.path("name").asText().equals(row.get("layout")))) {
                inSql.add(l);
            }
        }
        assertEquals(inSql.size(), sql.layouts().size());
        for (int i = 0; i < sql.layouts().size(); i++) {
            JsonNode l = inSql.get(i);
            var row = sql.layouts().get(i);
            assertEquals(l.path("name").asText(), row.get("layout"));
            assertEquals(l.path("bytes").asLong(), row.get("bytes"), l.toString());
            assertEquals(l.path("inodes").asLong(), row.get("inodes"), l.toString());
            assertEquals(l.path("bytesPerContainer").asDouble(), row.get("bytes_per_container"), l.toString());
            assertEquals(
                    l.has("memoryBytes") ? l.path("memoryBytes").asLong() : null,
                    row.get("memory_bytes"),
                    l.toString());
        }
        assertTrue(root.path("layouts").get(0).path("memoryBytes").asLong() > 0, "a memory figure to compare");
        JsonNode img = root.path("images").get(0);
        var row = sql.images().getFirst();
        for (String[] f : new String[][] {
            {"sharedBytes", "shared_bytes"},
            {"uniqueBytes", "unique_bytes"},
            {"wastedBytes", "wasted_bytes"},
            {"files", "files"}
        }) {
            assertEquals(img.path(f[0]).asLong(), row.get(f[1]), f[0]);
        }
        assertEquals(root.path("dedup").path("chunk").asDouble(), sql.dedup().get("chunk"));
    }

    @ParameterizedTest
    @ValueSource(strings = {":0", ":-3", ":many"})
    void size_badCount_isOneLineExit1(String count) {
        Result r = run("size", "--image", image + count, "--store", store.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("is not a positive number"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void size_badWorkloadFsOrImage_isOneLineExit1() throws Exception {
        Result w = run("size", "--image", image.toString(), "--store", store.toString(), "--workload", "modify=3");
        assertEquals(1, w.code());
        assertTrue(w.err().startsWith("size: --workload modify=3: "), w.err());
        Result f = run("size", "--image", image.toString(), "--store", store.toString(), "--fs", "zfs");
        assertEquals(1, f.code());
        assertTrue(f.err().contains("--fs zfs: unknown filesystem"), f.err());
        Path junk = Files.writeString(dir.resolve("junk.tar"), "not a tar");
        Result i = run("size", "--image", junk.toString(), "--store", store.toString());
        assertEquals(1, i.code());
        assertEquals(1, i.err().lines().count(), i.err());
        assertTrue(i.err().contains("junk.tar"), i.err());
        Result none = run("size", "--store", store.toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("at least one --image"), none.err());
    }
}
