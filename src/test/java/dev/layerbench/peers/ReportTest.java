package dev.layerbench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.json.Json;
import dev.layerbench.results.MachineInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @TempDir
    Path dir;

    static final MachineInfo MACHINE = new MachineInfo(
            "Box.Example",
            "Some CPU @ 2.0GHz",
            2,
            8L << 30,
            "Debian 12",
            "Linux 6.1",
            "amd64",
            "/work",
            "ext4 (/dev/vda on /)",
            "OpenJDK 25",
            MachineInfo.UNKNOWN,
            false,
            "2026-11-28T06:00:00Z",
            "root");

    static Report report() {
        Side project = new Side(
                "layerbench digest",
                Side.Kind.PROCESS,
                "java -jar benchmarks.jar digest FILE",
                new Stats(List.of(3_000_000L, 2_000_000L, 4_000_000L)));
        Side peer = new Side(
                "sha256sum",
                Side.Kind.PROCESS,
                "sha256sum FILE",
                new Stats(List.of(1_000_000L, 1_000_000L, 5_000_000L)));
        Side missing = new Side("pigz -dc", Side.Kind.PROCESS, "pigz -dc FILE", null);
        Side steady =
                new Side("java.util.zip", Side.Kind.STEADY, "Compression.GZIP.decompress", new Stats(List.of(500L)));
        return new Report(
                MACHINE,
                Instant.parse("2026-11-28T06:00:00Z"),
                "peers --quick",
                List.of(
                        new PeerComparison("digest", "sha256 of 32 MiB", project, peer, ""),
                        new PeerComparison(
                                "decompress",
                                "gzip | layer",
                                steady,
                                missing,
                                "pigz missing: install Debian package pigz")));
    }

    @Test
    void stem_namesDateAndMachine() {
        assertEquals("peers-2026-11-28-box", report().stem());
    }

    @Test
    void markdown_hasATablePerGroupWithMediansRangesAndRatio() {
        String md = report().markdown();
        assertTrue(md.contains("## digest"), md);
        assertTrue(md.contains("## decompress"), md);
        assertTrue(md.contains("Some CPU @ 2.0GHz, 2 cores, 8192 MiB memory"), md);
        assertTrue(md.contains("/work (ext4 (/dev/vda on /))"), md);
        assertTrue(md.contains("Linux 6.1 amd64"), md);
        assertTrue(md.contains("OpenJDK 25, user root"), md);
        String row = md.lines()
                .filter(l -> l.startsWith("| sha256 of 32 MiB"))
                .findFirst()
                .orElseThrow();
        assertTrue(row.contains("layerbench digest (whole process) | 3.00 ms | 2.00 ms - 4.00 ms"), row);
        assertTrue(row.contains("sha256sum (whole process) | 1.00 ms | 1.00 ms - 5.00 ms | 3.00 |"), row);
        String missing =
                md.lines().filter(l -> l.startsWith("| gzip")).findFirst().orElseThrow();
        assertTrue(missing.startsWith("| gzip \\| layer |"), "a | in a cell is escaped: " + missing);
        assertTrue(missing.contains("java.util.zip (steady state) | 500 ns"), missing);
        assertTrue(missing.contains("pigz -dc (whole process) | - | - | - | pigz missing"), missing);
    }

    @Test
    void json_keepsEveryRunAndANullRatioForAMissingSide() throws Exception {
        JsonNode root = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(report().json()));
        assertEquals("Some CPU @ 2.0GHz", root.path("machine").path("cpuModel").asText());
        JsonNode first = root.path("comparisons").get(0);
        assertEquals(3.0, first.path("ratio").asDouble(), 1e-12);
        assertEquals(3, first.path("project").path("runsNs").size());
        assertEquals(3_000_000.0, first.path("project").path("medianNs").asDouble());
        assertEquals("whole process", first.path("peer").path("kind").asText());
        JsonNode second = root.path("comparisons").get(1);
        assertTrue(second.path("ratio").isNull());
        assertFalse(second.path("peer").has("medianNs"));
        assertTrue(second.path("note").asText().contains("pigz"));
    }

    @Test
    void write_putsBothFilesAndNoTemporaryOnes() throws Exception {
        Path md = report().write(dir.resolve("results"));
        assertEquals(dir.resolve("results/peers-2026-11-28-box.md"), md);
        assertEquals(report().markdown(), Files.readString(md));
        assertTrue(Files.isRegularFile(dir.resolve("results/peers-2026-11-28-box.json")));
        try (var files = Files.list(dir.resolve("results"))) {
            assertEquals(2, files.count());
        }
    }
}
