package dev.layerbench.cli;

import static dev.layerbench.cli.ToolRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.cli.ToolRun.Result;
import dev.layerbench.codec.Compression;
import dev.layerbench.json.Json;
import dev.layerbench.testing.Commands;
import dev.layerbench.testing.OciLayouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolsTest {

    @TempDir
    Path dir;

    /** One line, no stack trace. */
    static void assertOneLine(String err) {
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
    }

    @Test
    void help_listsEveryToolWithALine() {
        Result r = run("help");
        assertEquals(0, r.code());
        for (String tool : List.of("help", "digest", "inspect")) {
            assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(tool + " ")), r.out());
        }
        assertTrue(Tools.isTool("digest") && !Tools.isTool("-l") && !Tools.isTool("DigestBench"));
    }

    @Test
    void digest_printsLikeSha256sum() throws IOException {
        Path a = dir.resolve("a.bin");
        Path b = dir.resolve("b with space.bin");
        byte[] content = new byte[3_000_000];
        new Random(3).nextBytes(content);
        Files.write(a, content);
        Files.writeString(b, "abc");
        Result r = run("digest", a.toString(), b.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  " + b, lines.get(1));
        if (Commands.available("sha256sum")) {
            String expected = Commands.run(dir, "sha256sum", a.toString(), b.toString());
            assertEquals(expected.lines().map(l -> "sha256:" + l).toList(), lines);
        }
    }

    @Test
    void digest_missingFileIsOneLineAndExitOneButOthersStillPrint() throws IOException {
        Path a = dir.resolve("a");
        Files.writeString(a, "abc");
        Result r = run("digest", dir.resolve("missing").toString(), a.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("digest: " + dir.resolve("missing") + ": "), r.err());
        assertOneLine(r.err());
        assertTrue(r.out().contains(a.toString()));
    }

    @Test
    void digest_noArgumentIsAUsageError() {
        Result r = run("digest");
        assertEquals(2, r.code());
        assertOneLine(r.err());
    }

    @Test
    void inspect_tableAndJsonAgree() throws IOException {
        Path layout = dir.resolve("layout");
        OciLayouts.Written w = OciLayouts.write(
                layout,
                "v1",
                List.of(OciLayouts.tar(Map.of("a", "alpha")), OciLayouts.tar(Map.of("b", "beta".repeat(1000)))),
                Compression.ZSTD);
        Result table = run("inspect", "--image", layout.toString());
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains(w.layers().get(1).digest().toString()), table.out());
        assertTrue(table.out().contains(w.diffIds().get(1).toString()), table.out());
        Result json = run("inspect", "--image", layout.toString(), "--format", "json");
        JsonNode root = Json.MAPPER.readTree(json.out());
        assertEquals("oci", root.path("format").asText());
        assertEquals(
                w.layers().get(0).digest().toString(),
                root.path("layers").get(0).path("digest").asText());
        assertEquals(
                w.diffIds().get(0).toString(),
                root.path("layers").get(0).path("diffId").asText());
        assertEquals(
                w.layers().get(0).size(),
                root.path("layers").get(0).path("size").asLong());
        assertEquals(
                OciLayouts.tar(Map.of("a", "alpha")).length,
                root.path("layers").get(0).path("uncompressedSize").asLong());
        assertEquals(2, root.path("totals").path("layers").asInt());
    }

    @Test
    void inspect_intoImportsAndTheStoreIsReadable() throws IOException {
        Path layout = dir.resolve("layout");
        OciLayouts.write(layout, "v1", List.of(OciLayouts.tar(Map.of("a", "alpha"))), Compression.GZIP);
        Path store = dir.resolve("store");
        Result r = run("inspect", "--image", layout.toString(), "--into", store.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("IMPORTED"), r.out());
        Result again = run("inspect", "--image", store.toString(), "--ref", "v1", "--format", "json");
        assertEquals(0, again.code(), again.err());
    }

    @Test
    void inspect_badInputIsOneLineNamingTheFile() throws IOException {
        Path layout = dir.resolve("layout");
        OciLayouts.write(layout, "v1", List.of(OciLayouts.tar(Map.of("a", "alpha"))), Compression.GZIP);
        Files.writeString(layout.resolve("index.json"), "not json");
        Result garbled = run("inspect", "--image", layout.toString());
        assertEquals(1, garbled.code());
        assertTrue(garbled.err().startsWith("inspect: " + layout.resolve("index.json")), garbled.err());
        assertOneLine(garbled.err());

        Result missing = run("inspect", "--image", dir.resolve("nope").toString());
        assertEquals(1, missing.code());
        assertOneLine(missing.err());

        Result badRef = run("inspect", "--image", layout.toString(), "--format", "yaml");
        assertEquals(2, badRef.code());
        assertOneLine(badRef.err());
    }

    @Test
    void inspect_corruptLayerWritesNothingIntoTheStore() throws IOException {
        Path layout = dir.resolve("layout");
        OciLayouts.Written w =
                OciLayouts.write(layout, "v1", List.of(OciLayouts.tar(Map.of("a", "alpha"))), Compression.GZIP);
        Path blob = layout.resolve("blobs/sha256/" + w.layers().get(0).digest().hex());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length - 1] ^= 1;
        Files.write(blob, bytes);
        Path store = dir.resolve("store");
        Result r = run("inspect", "--image", layout.toString(), "--into", store.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("digest mismatch"), r.err());
        assertOneLine(r.err());
        assertFalse(Files.exists(store), "verification happens before anything is written");
    }

    @Test
    void digest_matchesOpensslWhenInstalled() throws IOException {
        assumeTrue(Commands.available("openssl"), "openssl not installed");
        Path a = dir.resolve("x");
        Files.writeString(a, "layerbench");
        String openssl = Commands.run(dir, "openssl", "dgst", "-sha256", "-r", a.toString());
        Result r = run("digest", a.toString());
        assertEquals("sha256:" + openssl.split(" ")[0], r.out().split(" ")[0]);
    }
}
