package dev.layerbench.cli;

import static dev.layerbench.cli.ToolRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.testing.OciLayouts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreToolTest {

    @TempDir
    Path dir;

    /** A store holding two images that share a base layer, viewed (so unpacked) and sized (so summarized). */
    private Path store() throws Exception {
        Path src = dir.resolve("src");
        byte[] base = OciLayouts.tar(Map.of("etc/os", "base"));
        OciLayouts.write(src, "one", List.of(base, OciLayouts.tar(Map.of("one", "1".repeat(5000)))), Compression.GZIP);
        OciLayouts.write(src, "two", List.of(base, OciLayouts.tar(Map.of("two", "2".repeat(7000)))), Compression.GZIP);
        Path store = dir.resolve("store");
        for (String ref : List.of("one", "two")) {
            ToolRun.Result v = run("view", "--image", src.toString(), "--ref", ref, "--store", store.toString());
            assertEquals(0, v.code(), v.err());
        }
        ToolRun.Result s = run("size", "--image", store.toString(), "--store", store.toString(), "--format", "csv");
        assertEquals(0, s.code(), s.err());
        return store;
    }

    @Test
    void ls_listsImagesWithTheirLayers() throws Exception {
        Path store = store();
        ToolRun.Result r = run("store", "ls", "--store", store.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("one  sha256:") && l.contains("2 layers")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("two  sha256:")), r.out());
        assertEquals(
                4,
                r.out()
                        .lines()
                        .filter(l -> l.contains("diff_id") && l.contains("unpacked") && l.contains("summarized"))
                        .count(),
                r.out());
        assertTrue(r.out().contains("2 images"), r.out());
    }

    @Test
    void df_countsBlobsLayerDirectoriesAndSummaries() throws Exception {
        Path store = store();
        ToolRun.Result r = run("store", "df", "--store", store.toString());
        assertEquals(0, r.code(), r.err());
        // 2 manifests, 2 configs, 3 distinct layers; 3 layer directories; 3 summaries; all used
        assertTrue(r.out().lines().anyMatch(l -> l.matches("blobs\\s+7\\s+7\\s.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("layer directories\\s+3\\s+3\\s.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("summaries\\s+3\\s+3\\s.*")), r.out());
    }

    @Test
    void verify_findsATamperedBlobAndAnIncompleteLayerDirectory() throws Exception {
        Path store = store();
        ToolRun.Result ok = run("store", "verify", "--store", store.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains(": 0 problems"), ok.out());

        Path blob;
        try (var s = Files.list(store.resolve("blobs/sha256"))) {
            blob = s.filter(p -> {
                        try {
                            return Files.size(p) > 100;
                        } catch (java.io.IOException e) {
                            return false;
                        }
                    })
                    .findFirst()
                    .orElseThrow();
        }
        byte[] b = Files.readAllBytes(blob);
        b[b.length / 2] ^= 1;
        Files.write(blob, b);
        Path layers = store.resolve("layers/sha256");
        Path marker;
        try (var s = Files.list(layers)) {
            marker = s.filter(p -> p.toString().endsWith(".whiteouts"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.delete(marker); // a directory without its completion marker
        Files.createDirectories(layers.resolve("." + "0".repeat(64) + ".unpack-1-1"));
        Files.createFile(layers.resolve("0".repeat(64) + ".lock"));
        // the stray staging above belongs to no held key, so the open removes it, as it does the marker-less directory;
        // the tampered blob stays and is found
        ToolRun.Result bad = run("store", "verify", "--store", store.toString());
        assertEquals(1, bad.code(), bad.out());
        assertTrue(bad.err().contains(blob + ": content hashes to sha256:"), bad.err());
        assertTrue(bad.out().contains(": 1 problems"), bad.out());
        assertFalse(Files.exists(layers.resolve("." + "0".repeat(64) + ".unpack-1-1")));
        assertFalse(Files.exists(
                marker.resolveSibling(marker.getFileName().toString().replace(".whiteouts", ""))));
    }

    @Test
    void gc_removesWhatNoTaggedImageUsesAndSaysWhat() throws Exception {
        Path store = store();
        ToolRun.Result none = run("store", "gc", "--store", store.toString());
        assertEquals(0, none.code(), none.err());
        assertTrue(
                none.out()
                        .contains(
                                "removed 0 blobs (0 B), 0 layer directories (0 B, 0 inodes), 0 summaries (0 B); kept 7 blobs"),
                none.out());

        dev.layerbench.store.BlobStore.open(store).untag("two");
        ToolRun.Result r = run("store", "gc", "--store", store.toString());
        assertEquals(0, r.code(), r.err());
        // two's manifest, config and top layer go; the shared base stays
        assertEquals(
                3,
                r.out()
                        .lines()
                        .filter(l -> l.startsWith("removed blob sha256:"))
                        .count(),
                r.out());
        assertEquals(
                1,
                r.out()
                        .lines()
                        .filter(l -> l.startsWith("removed layer directory sha256:"))
                        .count(),
                r.out());
        assertEquals(
                1,
                r.out()
                        .lines()
                        .filter(l -> l.startsWith("removed summary sha256:"))
                        .count(),
                r.out());
        assertTrue(r.out().contains("kept 4 blobs"), r.out());
        ToolRun.Result v = run("store", "verify", "--store", store.toString());
        assertEquals(0, v.code(), v.err());
        ToolRun.Result ls = run("store", "ls", "--store", store.toString());
        assertEquals(2, ls.out().lines().filter(l -> l.contains("unpacked")).count(), ls.out());
    }

    @Test
    void missingStoreIsOneLine() {
        ToolRun.Result r = run("store", "ls", "--store", dir.resolve("nothing").toString());
        assertEquals(1, r.code());
        assertEquals(
                "store ls: " + dir.resolve("nothing") + ": no store here",
                r.err().strip());
    }
}
