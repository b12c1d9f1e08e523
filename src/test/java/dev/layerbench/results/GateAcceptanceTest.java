package dev.layerbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateAcceptanceTest {

    private static final BenchmarkKey SIZE =
            new BenchmarkKey("dev.layerbench.bench.SizingBench.size", "avgt", new TreeMap<>(Map.of("images", "100")));

    private static GateCheck.Row row(BenchmarkKey key, double ratio, double high) {
        return new GateCheck.Row(
                key, "ms/op", 4, 4, 500, 500 * ratio, ratio, ratio - 0.1, high, 0.1, Verdict.REGRESSION);
    }

    @Test
    void covering_onlyItsBaseItsBenchmarkAndUpToItsRatio(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("accepted.tsv");
        Files.writeString(f, "# comment\n\nf1f534f2f944\tSizingBench.size\t1.60\ttwo new layout rows\n");
        List<GateAcceptance> a = GateAcceptance.read(f);
        assertEquals(1, a.size());
        assertTrue(
                GateAcceptance.covering(a, "f1f534f2f944", row(SIZE, 1.4, 1.52)).isPresent());
        assertTrue(
                GateAcceptance.covering(a, "f1f534f2f944", row(SIZE, 1.5, 1.65)).isEmpty(), "above its ratio");
        assertTrue(
                GateAcceptance.covering(a, "0123456789ab", row(SIZE, 1.4, 1.52)).isEmpty(), "another base");
        BenchmarkKey other = new BenchmarkKey("dev.layerbench.bench.UnpackBench.unpack", "ss", new TreeMap<>());
        assertTrue(
                GateAcceptance.covering(a, "f1f534f2f944", row(other, 1.4, 1.52))
                        .isEmpty(),
                "another benchmark");
        // a benchmark's acceptance covers its time, not a gated secondary metric of it (a memory growth)
        Files.writeString(f, "f1f534f2f944\tLayoutBench.create\t1.60\tslower creation\n");
        List<GateAcceptance> layout = GateAcceptance.read(f);
        BenchmarkKey create = new BenchmarkKey("dev.layerbench.bench.LayoutBench.create", "avgt", new TreeMap<>());
        BenchmarkKey memory = new BenchmarkKey(
                "dev.layerbench.bench.LayoutBench.create:pageCacheBytesPerContainer", "avgt", new TreeMap<>());
        assertTrue(GateAcceptance.covering(layout, "f1f534f2f944", row(create, 1.4, 1.52))
                .isPresent());
        assertTrue(GateAcceptance.covering(layout, "f1f534f2f944", row(memory, 1.4, 1.52))
                .isEmpty());
        Files.writeString(f, "f1f534f2f944\tLayoutBench.create:pageCacheBytesPerContainer\t1.60\tmore cache\n");
        assertTrue(GateAcceptance.covering(GateAcceptance.read(f), "f1f534f2f944", row(memory, 1.4, 1.52))
                .isPresent());
    }

    @Test
    void read_aLineWithoutAReason_oneLineNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("accepted.tsv");
        Files.writeString(f, "f1f534f2f944\tSizingBench.size\t1.6\t \n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GateAcceptance.read(f));
        assertTrue(e.getMessage().startsWith(f + ":1: "), e.getMessage());
        Files.writeString(f, "f1f534f2f944\tSizingBench.size\t0.9\twhy\n");
        assertThrows(IllegalArgumentException.class, () -> GateAcceptance.read(f));
    }

    @Test
    void committedFile_isReadable() throws IOException {
        Path committed = Path.of("results/gate/accepted.tsv");
        if (Files.exists(committed)) {
            GateAcceptance.read(committed);
        }
    }
}
