package dev.layerbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.results.CompareOptions.Normalization;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {

    @TempDir
    Path dir;

    private int files;

    private ResultsFile file(JmhJson json) throws Exception {
        return ResultsFile.read(json.write(dir.resolve("run" + files++ + ".json")));
    }

    private static CompareOptions raw(double threshold) {
        return new CompareOptions(threshold, Normalization.OFF);
    }

    private Comparison.Row only(ResultsFile base, ResultsFile cur, CompareOptions options) throws Exception {
        Comparison c = Comparison.of(base, cur, options);
        assertEquals(1, c.rows().size());
        return c.rows().getFirst();
    }

    @Test
    void of_matchesByBenchmarkModeAndParams() throws Exception {
        ResultsFile base = file(JmhJson.results()
                .add(JmhJson.DIGEST, "thrpt", Map.of("size", "4096"), 100, 1, "ops/s")
                .add(JmhJson.DIGEST, "thrpt", Map.of("size", "65536"), 10, 0.1, "ops/s")
                .add(JmhJson.DIGEST, "avgt", Map.of("size", "4096"), 0.01, 0.0001, "s/op"));
        ResultsFile cur = file(JmhJson.results()
                .add(JmhJson.DIGEST, "thrpt", Map.of("size", "65536"), 20, 0.1, "ops/s")
                .add(JmhJson.DIGEST, "thrpt", Map.of("size", "4096"), 50, 1, "ops/s")
                .add(JmhJson.DIGEST, "thrpt", Map.of("size", "1048576"), 1, 0.01, "ops/s"));
        Comparison c = Comparison.of(base, cur, raw(0.10));
        assertEquals(2, c.rows().size());
        Comparison.Row small = c.rows().get(0);
        Comparison.Row big = c.rows().get(1);
        assertEquals("4096", small.key().params().get("size"));
        assertEquals(0.5, small.ratio(), 1e-12);
        assertEquals(Verdict.REGRESSION, small.verdict());
        assertEquals(2.0, big.ratio(), 1e-12);
        assertEquals(Verdict.FASTER, big.verdict());
        assertEquals(1, c.onlyInBaseline().size());
        assertEquals("avgt", c.onlyInBaseline().getFirst().mode());
        assertEquals(1, c.onlyInCurrent().size());
        assertEquals("1048576", c.onlyInCurrent().getFirst().params().get("size"));
        assertTrue(c.hasRegression());
    }

    @Test
    void of_timeModeLowerIsBetter() throws Exception {
        ResultsFile base = file(JmhJson.results().add(JmhJson.UNION, "avgt", 10, "us/op"));
        Comparison.Row longer = only(base, file(JmhJson.results().add(JmhJson.UNION, "avgt", 30, "us/op")), raw(0.10));
        assertEquals(3.0, longer.ratio(), 1e-12);
        assertEquals(1 / 3.0, longer.speedup(), 1e-12);
        assertEquals(Verdict.REGRESSION, longer.verdict());
        Comparison.Row shorter = only(base, file(JmhJson.results().add(JmhJson.UNION, "avgt", 5, "us/op")), raw(0.10));
        assertEquals(2.0, shorter.speedup(), 1e-12);
        assertEquals(Verdict.FASTER, shorter.verdict());
    }

    @Test
    void of_throughputHigherIsBetter() throws Exception {
        ResultsFile base = file(JmhJson.results().add(JmhJson.DIGEST, "thrpt", 100, "ops/s"));
        assertEquals(
                Verdict.FASTER,
                only(base, file(JmhJson.results().add(JmhJson.DIGEST, "thrpt", 300, "ops/s")), raw(0.1))
                        .verdict());
        assertEquals(
                Verdict.REGRESSION,
                only(base, file(JmhJson.results().add(JmhJson.DIGEST, "thrpt", 33, "ops/s")), raw(0.1))
                        .verdict());
    }

    @Test
    void of_withinThreshold_sameOrSlowerByUncertainty() throws Exception {
        ResultsFile base = file(JmhJson.results().add(JmhJson.UNION, "avgt", Map.of(), 100, 1, "us/op"));
        // 5% longer, errors of 1%: beyond the noise, inside a 10% threshold
        Comparison.Row slower =
                only(base, file(JmhJson.results().add(JmhJson.UNION, "avgt", Map.of(), 105, 1.05, "us/op")), raw(0.10));
        assertEquals(Verdict.SLOWER, slower.verdict());
        assertEquals(Math.sqrt(2) * 0.01, slower.ratioError(), 1e-9);
        // 5% longer but errors of 10%: within the noise
        Comparison.Row noisy =
                only(base, file(JmhJson.results().add(JmhJson.UNION, "avgt", Map.of(), 105, 10.5, "us/op")), raw(0.10));
        assertEquals(Verdict.SAME, noisy.verdict());
        // no error known: same
        Comparison.Row unknown = only(
                base,
                file(JmhJson.results().add(JmhJson.UNION, "avgt", Map.of(), 105, Double.NaN, "us/op", 105)),
                raw(0.10));
        assertTrue(Double.isNaN(unknown.ratioError()));
        assertEquals(Verdict.SAME, unknown.verdict());
        // 5% shorter with small errors: faster
        assertEquals(
                Verdict.FASTER,
                only(base, file(JmhJson.results().add(JmhJson.UNION, "avgt", Map.of(), 95, 0.95, "us/op")), raw(0.10))
                        .verdict());
    }

    @Test
    void of_threshold_decidesRegression() throws Exception {
        ResultsFile base = file(JmhJson.results().add(JmhJson.UNION, "avgt", 100, "us/op"));
        ResultsFile cur = file(JmhJson.results().add(JmhJson.UNION, "avgt", 120, "us/op"));
        assertEquals(Verdict.REGRESSION, only(base, cur, raw(0.10)).verdict());
        assertEquals(Verdict.SLOWER, only(base, cur, raw(0.25)).verdict());
        assertFalse(Comparison.of(base, cur, raw(0.25)).hasRegression());
        assertThrows(IllegalArgumentException.class, () -> raw(0));
        assertThrows(IllegalArgumentException.class, () -> raw(-0.1));
    }

    @Test
    void of_slowerMachine_normalizedAway() throws Exception {
        // The current machine runs everything, calibration included, twice as slowly.
        ResultsFile base = file(JmhJson.results()
                .add(JmhJson.CPU, "avgt", 20, "ms/op")
                .add(JmhJson.MEMORY, "avgt", 40, "ms/op")
                .add(JmhJson.DIGEST, "thrpt", 1000, "ops/s")
                .add(JmhJson.UNION, "avgt", 10, "us/op"));
        ResultsFile cur = file(JmhJson.results()
                .add(JmhJson.CPU, "avgt", 40, "ms/op")
                .add(JmhJson.MEMORY, "avgt", 80, "ms/op")
                .add(JmhJson.DIGEST, "thrpt", 500, "ops/s")
                .add(JmhJson.UNION, "avgt", 20, "us/op"));
        Comparison normalized = Comparison.of(base, cur, CompareOptions.defaults());
        assertEquals(0.5, normalized.calibration().orElseThrow().speed(), 1e-12);
        assertEquals(2, normalized.calibration().orElseThrow().results());
        assertFalse(normalized.hasRegression());
        for (Comparison.Row r : normalized.rows()) {
            if (r.key().className().equals("CalibrationBench")) {
                assertEquals(Verdict.CALIBRATION, r.verdict());
            } else {
                assertEquals(1.0, r.speedup(), 1e-12, r.key().label());
                assertEquals(1.0, r.ratio(), 1e-12, r.key().label());
                assertEquals(Verdict.SAME, r.verdict(), r.key().label());
            }
        }
        Comparison rawScores = Comparison.of(base, cur, raw(0.10));
        assertTrue(rawScores.calibration().isEmpty());
        assertEquals(2, rawScores.regressions().size());
    }

    @Test
    void of_realSlowdownOnSlowerMachine_stillFlagged() throws Exception {
        ResultsFile base =
                file(JmhJson.results().add(JmhJson.CPU, "avgt", 20, "ms/op").add(JmhJson.UNION, "avgt", 10, "us/op"));
        // machine 1.5x slower, the code 2x slower on top: 3x the time
        ResultsFile cur =
                file(JmhJson.results().add(JmhJson.CPU, "avgt", 30, "ms/op").add(JmhJson.UNION, "avgt", 30, "us/op"));
        Comparison c = Comparison.of(base, cur, CompareOptions.defaults());
        Comparison.Row union = c.rows().stream()
                .filter(r -> r.key().className().equals("UnionLookupBench"))
                .findFirst()
                .orElseThrow();
        assertEquals(0.5, union.speedup(), 1e-12);
        assertEquals(Verdict.REGRESSION, union.verdict());
    }

    @Test
    void of_calibrationSlowerAlone_neverARegression() throws Exception {
        ResultsFile base =
                file(JmhJson.results().add(JmhJson.CPU, "avgt", 20, "ms/op").add(JmhJson.UNION, "avgt", 10, "us/op"));
        ResultsFile cur =
                file(JmhJson.results().add(JmhJson.CPU, "avgt", 60, "ms/op").add(JmhJson.UNION, "avgt", 10, "us/op"));
        Comparison c = Comparison.of(base, cur, raw(0.10));
        assertFalse(c.hasRegression());
        assertEquals(Verdict.CALIBRATION, c.rows().getFirst().verdict());
    }

    @Test
    void of_normalizeOnWithoutCalibration_fails() throws Exception {
        ResultsFile base = file(JmhJson.results().add(JmhJson.UNION, "avgt", 10, "us/op"));
        ResultsFile cur =
                file(JmhJson.results().add(JmhJson.UNION, "avgt", 10, "us/op").add(JmhJson.CPU, "avgt", 20, "ms/op"));
        ResultsException e = assertThrows(
                ResultsException.class, () -> Comparison.of(base, cur, new CompareOptions(0.1, Normalization.ON)));
        assertTrue(e.getMessage().contains("cannot normalize"), e.getMessage());
        // AUTO falls back to raw scores
        assertTrue(Comparison.of(base, cur, CompareOptions.defaults())
                .calibration()
                .isEmpty());
    }

    @Test
    void of_nothingInCommon_fails() throws Exception {
        ResultsFile base = file(JmhJson.results().add(JmhJson.UNION, "avgt", 10, "us/op"));
        ResultsFile cur = file(JmhJson.results().add(JmhJson.UNION, "thrpt", 10, "ops/us"));
        ResultsException e =
                assertThrows(ResultsException.class, () -> Comparison.of(base, cur, CompareOptions.defaults()));
        assertTrue(e.getMessage().contains("no result in common"), e.getMessage());
    }

    @Test
    void of_differentTimeUnits_converted() throws Exception {
        ResultsFile base = file(
                JmhJson.results().add(JmhJson.UNION, "avgt", 10, "us/op").add(JmhJson.DIGEST, "thrpt", 1000, "ops/s"));
        ResultsFile cur = file(
                JmhJson.results().add(JmhJson.UNION, "avgt", 0.010, "ms/op").add(JmhJson.DIGEST, "thrpt", 1, "ops/ms"));
        Comparison c = Comparison.of(base, cur, raw(0.10));
        for (Comparison.Row r : c.rows()) {
            assertEquals(1.0, r.ratio(), 1e-9, r.key().label());
            assertEquals(r.baseline().unit(), r.current().unit());
        }
    }

    @Test
    void report_printsTableAndRegressionLine() throws Exception {
        ResultsFile base = file(JmhJson.results().add(JmhJson.UNION, "avgt", Map.of("depth", "8"), 10, 0.1, "us/op"));
        ResultsFile cur = file(JmhJson.results().add(JmhJson.UNION, "avgt", Map.of("depth", "8"), 30, 0.3, "us/op"));
        String text = ComparisonReport.text(Comparison.of(base, cur, CompareOptions.defaults()), false);
        assertTrue(text.contains("UnionLookupBench.lookup depth=8"), text);
        assertTrue(text.contains("REGRESSION: UnionLookupBench.lookup depth=8 3.00x slower"), text);
        assertTrue(text.contains("normalize: no (raw scores)"), text);
        String md = ComparisonReport.text(Comparison.of(base, cur, CompareOptions.defaults()), true);
        assertTrue(md.contains("| BENCHMARK | MODE |"), md);
    }

    @Test
    void report_notesOtherMachineClassAndJmhArgs() throws Exception {
        ResultsFile base = file(JmhJson.results().add(JmhJson.UNION, "avgt", 10, "us/op"));
        ResultsFile cur = file(JmhJson.results().add(JmhJson.UNION, "avgt", 10, "us/op"));
        MachineInfo here = MachineInfo.capture(dir);
        MachineInfo other = new MachineInfo(
                here.host(),
                "Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz",
                4,
                here.memoryBytes(),
                here.os(),
                here.kernel(),
                here.arch(),
                here.workDir(),
                here.filesystem(),
                here.jdk(),
                here.gitCommit(),
                here.gitDirty(),
                here.date(),
                here.user());
        new Sidecar(here, "ci", java.util.List.of("-f", "1")).writeFor(base.path());
        new Sidecar(other, "ci", java.util.List.of("-f", "2")).writeFor(cur.path());
        String text = ComparisonReport.text(Comparison.of(base, cur, CompareOptions.defaults()), false);
        assertTrue(
                text.contains("different classes of machine (" + here.machineClass() + ", intel-xeon-gold-6148-4c)"),
                text);
        assertTrue(text.contains("different JMH arguments (-f 1 | -f 2)"), text);
        assertTrue(text.contains("(" + here.date() + ", " + here.machineClass()), text);
    }

    @Test
    void of_sampleMode_comparesMedianNotOutlierMean() throws Exception {
        ResultsFile base = file(JmhJson.results()
                .add(JmhJson.UNION, "sample", Map.of(), 300, 400, "ns/op")
                .median(120));
        // a few long pauses double the mean; the median did not move
        ResultsFile paused = file(JmhJson.results()
                .add(JmhJson.UNION, "sample", Map.of(), 600, 900, "ns/op")
                .median(121));
        Comparison.Row same = only(base, paused, raw(0.10));
        assertEquals(121 / 120.0, same.ratio(), 1e-12);
        assertEquals(Verdict.SAME, same.verdict());
        assertTrue(ComparisonReport.text(Comparison.of(base, paused, raw(0.10)), false)
                .contains("sample p50"));
        // the median tripled: a regression whatever the mean did
        ResultsFile slow = file(JmhJson.results()
                .add(JmhJson.UNION, "sample", Map.of(), 300, 400, "ns/op")
                .median(360));
        assertEquals(Verdict.REGRESSION, only(base, slow, raw(0.10)).verdict());
        // avgt results keep JMH's score
        assertFalse(ResultsFile.read(base.path())
                .results()
                .getFirst()
                .primary()
                .percentiles()
                .isEmpty());
    }
}
