package dev.layerbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report, record and machine tools' command lines; compare has its own test. */
class ReportToolTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void report_writesMarkdownAndPlots() throws Exception {
        dev.layerbench.results.Fonts.assumeAvailable();
        StringBuilder json = new StringBuilder("[");
        for (int size : new int[] {4096, 1048576}) {
            json.append(json.length() > 1 ? "," : "").append("""
                    { "benchmark": "dev.layerbench.bench.UnpackBench.unpack", "mode": "thrpt", "params": { "size": "%d" },
                      "primaryMetric": { "score": %d, "scoreError": 1.0, "scoreUnit": "ops/s", "rawData": [[1, 2]] },
                      "secondaryMetrics": { "mbPerSec": { "score": 100, "scoreError": "NaN", "scoreUnit": "ops/s" } } }
                    """.formatted(size, 4_000_000 / size));
        }
        Path results = Files.writeString(dir.resolve("r.json"), json.append("]").toString());
        Path outDir = dir.resolve("rep");
        assertEquals(0, run("report", results.toString(), "--out", outDir.toString()), err.toString());
        assertTrue(Files.isRegularFile(outDir.resolve("report.md")));
        assertTrue(Files.isRegularFile(outDir.resolve("UnpackBench-thrpt-score-size.png")));
        assertTrue(Files.isRegularFile(outDir.resolve("UnpackBench-thrpt-mbPerSec-size.png")));
        assertTrue(out.toString().contains("report " + outDir.resolve("report.md")), out.toString());
    }

    @Test
    void report_badInput_exitsTwoWithOneLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{}");
        assertEquals(
                2, run("report", bad.toString(), "--out", dir.resolve("rep").toString()));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertFalse(Files.exists(dir.resolve("rep")));
        assertEquals(2, run("report", bad.toString()), "--out is required");
    }

    @Test
    void record_badJmhArguments_oneLineNoRun() {
        assertEquals(1, run("record", "--out", dir.toString(), "-f", "many"));
        assertTrue(err.toString().startsWith("record: bad JMH arguments"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void machine_class_printsSlug() {
        assertEquals(0, run("machine", "--class"));
        assertTrue(out.toString().strip().matches("[a-z0-9-]+-\\d+c"), out.toString());
    }
}
