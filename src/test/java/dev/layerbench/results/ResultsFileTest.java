package dev.layerbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {

    @TempDir
    Path dir;

    @Test
    void read_jmhFile_parsesKeysMetricsAndSecondaries() throws Exception {
        Path f = JmhJson.results()
                .add(JmhJson.DIGEST, "thrpt", Map.of("size", "4096"), 1000, 10, "ops/s", 990, 1000, 1010)
                .secondary("mbPerSec", 4.096, "ops/s")
                .add(JmhJson.CPU, "avgt", 20, "ms/op")
                .write(dir.resolve("r.json"));
        ResultsFile r = ResultsFile.read(f);
        assertEquals(2, r.results().size());
        BenchmarkResult d = r.results().get(0);
        assertEquals("DigestBench", d.key().className());
        assertEquals("oneStream", d.key().method());
        assertEquals("DigestBench.oneStream", d.key().shortName());
        assertEquals(Map.of("size", "4096"), d.key().params());
        assertEquals(Direction.HIGHER_IS_BETTER, d.key().direction());
        assertEquals(1000, d.primary().score());
        assertEquals(10, d.primary().error());
        assertEquals(List.of(990.0, 1000.0, 1010.0), d.primary().samples());
        assertEquals(4.096, d.secondary().get("mbPerSec").score());
        assertFalse(d.isCalibration());
        assertTrue(r.results().get(1).isCalibration());
        assertEquals(Direction.LOWER_IS_BETTER, r.results().get(1).key().direction());
        assertEquals("r", r.baseName());
    }

    @Test
    void error_scoreErrorNaN_computedFromRawData() throws Exception {
        Path f = JmhJson.results()
                .add(JmhJson.CPU, "avgt", Map.of(), 20, Double.NaN, "ms/op", 19, 20, 21)
                .write(dir.resolve("r.json"));
        Metric m = ResultsFile.read(f).results().getFirst().primary();
        double t = new TDistribution(2).inverseCumulativeProbability(0.9995);
        assertEquals(t * 1.0 / Math.sqrt(3), m.error(), 1e-9);
        assertEquals(m.error() / 20, m.relativeError(), 1e-12);
    }

    @Test
    void error_oneSampleAndNoScoreError_isUnknown() throws Exception {
        Path f = JmhJson.results()
                .add(JmhJson.CPU, "avgt", Map.of(), 20, Double.NaN, "ms/op", 20)
                .write(dir.resolve("r.json"));
        assertTrue(
                Double.isNaN(ResultsFile.read(f).results().getFirst().primary().error()));
    }

    @Test
    void read_notJson_failsWithOneLineNamingTheFile() throws Exception {
        Path f = Files.writeString(dir.resolve("x.json"), "Benchmark  Mode  Cnt  Score\nfoo thrpt 3 1.0\n");
        ResultsException e = assertThrows(ResultsException.class, () -> ResultsFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not JMH JSON results"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void read_jsonButNotJmh_fails() throws Exception {
        Path object = Files.writeString(dir.resolve("o.json"), "{\"schemaVersion\": 2}");
        assertTrue(assertThrows(ResultsException.class, () -> ResultsFile.read(object))
                .getMessage()
                .contains("expected an array of benchmark results"));
        Path array = Files.writeString(dir.resolve("a.json"), "[{\"name\": \"x\"}]");
        assertTrue(assertThrows(ResultsException.class, () -> ResultsFile.read(array))
                .getMessage()
                .contains("not a JMH result"));
        Path empty = Files.writeString(dir.resolve("e.json"), "[]");
        assertTrue(assertThrows(ResultsException.class, () -> ResultsFile.read(empty))
                .getMessage()
                .contains("no benchmark results"));
    }

    @Test
    void read_missingFileOrDirectory_fails() {
        assertTrue(assertThrows(ResultsException.class, () -> ResultsFile.read(dir.resolve("none.json")))
                .getMessage()
                .endsWith("none.json: no such file"));
        assertTrue(assertThrows(ResultsException.class, () -> ResultsFile.read(dir))
                .getMessage()
                .contains("is a directory"));
    }

    @Test
    void read_sameKeyTwice_fails() throws Exception {
        Path f = JmhJson.results()
                .add(JmhJson.CPU, "avgt", 20, "ms/op")
                .add(JmhJson.CPU, "avgt", 21, "ms/op")
                .write(dir.resolve("d.json"));
        assertTrue(assertThrows(ResultsException.class, () -> ResultsFile.read(f))
                .getMessage()
                .contains("appears twice"));
    }

    @Test
    void compareTo_numericParamsSortAsNumbers() {
        BenchmarkKey small = new BenchmarkKey(JmhJson.DIGEST, "thrpt", new java.util.TreeMap<>(Map.of("size", "4096")));
        BenchmarkKey big =
                new BenchmarkKey(JmhJson.DIGEST, "thrpt", new java.util.TreeMap<>(Map.of("size", "1048576")));
        assertTrue(small.compareTo(big) < 0);
    }
}
