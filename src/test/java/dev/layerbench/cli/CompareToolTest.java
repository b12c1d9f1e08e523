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

class CompareToolTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    private Path results(String name, double cpuMs, double lookupUs) throws Exception {
        String json = """
                [ { "jmhVersion": "1.37", "benchmark": "dev.layerbench.bench.CalibrationBench.cpu", "mode": "avgt",
                    "threads": 1, "forks": 1,
                    "primaryMetric": { "score": %s, "scoreError": "NaN", "scoreUnit": "ms/op", "rawData": [[%s, %s]] },
                    "secondaryMetrics": {} },
                  { "jmhVersion": "1.37", "benchmark": "dev.layerbench.bench.UnionLookupBench.lookup", "mode": "avgt",
                    "threads": 1, "forks": 1, "params": { "depth": "8" },
                    "primaryMetric": { "score": %s, "scoreError": %s, "scoreUnit": "us/op", "rawData": [[%s]] },
                    "secondaryMetrics": {} } ]
                """.formatted(cpuMs, cpuMs, cpuMs, lookupUs, lookupUs * 0.01, lookupUs);
        return Files.writeString(dir.resolve(name), json);
    }

    @Test
    void compare_unchanged_exitsZero() throws Exception {
        int status = run(
                "compare",
                results("a.json", 20, 10).toString(),
                results("b.json", 20, 10.1).toString());
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("UnionLookupBench.lookup depth=8"), out.toString());
        assertTrue(out.toString().contains("same"), out.toString());
        assertTrue(out.toString().contains("normalize: by CalibrationBench"), out.toString());
    }

    @Test
    void compare_regression_exitsOneAndNamesIt() throws Exception {
        int status = run(
                "compare",
                results("a.json", 20, 10).toString(),
                results("b.json", 20, 30).toString());
        assertEquals(1, status);
        assertTrue(out.toString().contains("REGRESSION: UnionLookupBench.lookup depth=8 3.00x slower"), out.toString());
    }

    @Test
    void compare_slowerMachine_normalizedByDefault_notWithNoNormalize() throws Exception {
        Path a = results("a.json", 20, 10);
        Path b = results("b.json", 40, 20);
        assertEquals(0, run("compare", a.toString(), b.toString()));
        assertEquals(1, run("compare", "--no-normalize", a.toString(), b.toString()));
    }

    @Test
    void compare_threshold_acceptsPercentOrFraction() throws Exception {
        Path a = results("a.json", 20, 10);
        Path b = results("b.json", 20, 12);
        assertEquals(1, run("compare", "--threshold", "10%", a.toString(), b.toString()));
        assertEquals(0, run("compare", "--threshold", "0.25", a.toString(), b.toString()));
        assertEquals(2, run("compare", "--threshold", "-5%", a.toString(), b.toString()));
        assertTrue(err.toString().contains("--threshold -5%: not a positive fraction"), err.toString());
    }

    @Test
    void compare_badInput_exitsTwoWithOneLine() throws Exception {
        Path good = results("a.json", 20, 10);
        Path text = Files.writeString(dir.resolve("t.json"), "not json at all");
        assertEquals(2, run("compare", good.toString(), text.toString()));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("compare: " + text + ": not JMH JSON results"), err.toString());

        err.getBuffer().setLength(0);
        assertEquals(
                2, run("compare", good.toString(), dir.resolve("missing.json").toString()));
        assertTrue(err.toString().contains("missing.json: no such file"), err.toString());

        err.getBuffer().setLength(0);
        Path other = Files.writeString(dir.resolve("o.json"), """
                [ { "benchmark": "x.Y.z", "mode": "thrpt", "primaryMetric": { "score": 1, "scoreError": 0.1, "scoreUnit": "ops/s" } } ]
                """);
        assertEquals(2, run("compare", good.toString(), other.toString()));
        assertTrue(err.toString().contains("no result in common"), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());

        err.getBuffer().setLength(0);
        assertEquals(2, run("compare", good.toString()));
        assertEquals(2, run("compare", good.toString(), good.toString(), good.toString()));
        assertEquals(2, run("compare", "--normalize", good.toString(), other.toString()));
    }

    @Test
    void compare_spread_printsSuggestedThreshold() throws Exception {
        int status = run(
                "compare",
                "--spread",
                results("a.json", 20, 10).toString(),
                results("b.json", 20, 10.5).toString(),
                results("c.json", 20, 10.2).toString());
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("3 runs, normalized by CalibrationBench"), out.toString());
        assertTrue(out.toString().contains("suggested threshold"), out.toString());
        assertTrue(out.toString().contains("5.0%"), out.toString());
    }
}
