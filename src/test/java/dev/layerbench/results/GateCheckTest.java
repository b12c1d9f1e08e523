package dev.layerbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The gate's statistics on synthetic forks with known noise: what is flagged, what is not, and why. */
class GateCheckTest {

    private static final BenchmarkKey KEY = new BenchmarkKey("dev.layerbench.bench.X.op", "avgt", new TreeMap<>());

    /** Forks whose level varies by {@code forkNoise} and whose iterations vary by {@code iterNoise} around it. */
    static ForkSamples forks(
            SplittableRandom r, double mean, int forks, int iterations, double forkNoise, double iterNoise) {
        List<List<Double>> out = new ArrayList<>();
        for (int f = 0; f < forks; f++) {
            double level = mean * (1 + forkNoise * gaussian(r));
            List<Double> it = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                it.add(level * (1 + iterNoise * gaussian(r)));
            }
            out.add(it);
        }
        return new ForkSamples(KEY, "ms/op", out);
    }

    static double gaussian(SplittableRandom r) {
        // Box-Muller
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void row_plantedSlowdownBeyondNoise_isRegression() throws Exception {
        SplittableRandom r = new SplittableRandom(1);
        GateCheck.Row row = GateCheck.DEFAULT.row(forks(r, 100, 4, 4, 0.01, 0.01), forks(r, 120, 4, 4, 0.01, 0.01));
        assertEquals(Verdict.REGRESSION, row.verdict(), row.toString());
        assertTrue(row.low() > 1 && row.ratio() > 1.15 && row.ratio() < 1.25, row.toString());
        assertTrue(row.mde() < 0.1, row.toString());
    }

    @Test
    void row_sameCodeOverManySeeds_rarelyFlagged() throws Exception {
        int flagged = 0;
        for (int seed = 0; seed < 200; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            GateCheck.Row row = GateCheck.DEFAULT.row(forks(r, 100, 4, 4, 0.03, 0.02), forks(r, 100, 4, 4, 0.03, 0.02));
            if (row.verdict() == Verdict.REGRESSION) {
                flagged++;
            }
        }
        // the MDE condition makes this about a z > 2.8 test; a bootstrap of 4 forks is optimistic, so allow 5%
        assertTrue(flagged <= 10, "A/A flagged " + flagged + " of 200");
    }

    @Test
    void row_slowdownWithinNoise_notRegression_mdeReportsIt() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        // 3% slower, with 15% fork-to-fork noise: not detectable, and the MDE says so
        GateCheck.Row row = GateCheck.DEFAULT.row(forks(r, 100, 4, 4, 0.15, 0.02), forks(r, 103, 4, 4, 0.15, 0.02));
        assertTrue(row.verdict() != Verdict.REGRESSION, row.toString());
        assertTrue(row.mde() > 0.1, row.toString());
    }

    @Test
    void row_smallSlowdownBelowFloor_slowerNotRegression() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        // 3% slower with 0.2% noise: significant and above its MDE, but under the 5% floor
        GateCheck.Row row = GateCheck.DEFAULT.row(forks(r, 100, 4, 4, 0.002, 0.002), forks(r, 103, 4, 4, 0.002, 0.002));
        assertEquals(Verdict.SLOWER, row.verdict(), row.toString());
        assertTrue(row.mde() < 0.03 && row.low() > 1, row.toString());
    }

    @Test
    void row_faster_isFaster() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        GateCheck.Row row = GateCheck.DEFAULT.row(forks(r, 100, 4, 4, 0.01, 0.01), forks(r, 70, 4, 4, 0.01, 0.01));
        assertEquals(Verdict.FASTER, row.verdict(), row.toString());
    }

    @Test
    void compare_benchmarkOnOneSideOnly_failsNamingIt() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        ForkSamples a = forks(r, 100, 2, 2, 0, 0);
        BenchmarkKey other = new BenchmarkKey("dev.layerbench.bench.Y.op", "avgt", new TreeMap<>());
        ForkSamples b = new ForkSamples(other, "ms/op", a.forks());
        ResultsException e =
                assertThrows(ResultsException.class, () -> GateCheck.DEFAULT.compare(Map.of(KEY, a), Map.of(other, b)));
        assertTrue(e.getMessage().contains("only on the") && e.getMessage().contains("X.op"), e.getMessage());
    }

    @Test
    void compare_benchmarkAddedSinceBase_listedAsNewNotCompared() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        ForkSamples a = forks(r, 100, 2, 2, 0, 0);
        BenchmarkKey added = new BenchmarkKey("dev.layerbench.bench.New.op", "avgt", new TreeMap<>());
        List<GateCheck.Row> rows = GateCheck.DEFAULT.compare(
                Map.of(KEY, a), Map.of(KEY, a, added, new ForkSamples(added, "ms/op", a.forks())));
        assertEquals(2, rows.size());
        assertEquals(
                Verdict.NEW,
                rows.stream()
                        .filter(x -> x.key().equals(added))
                        .findFirst()
                        .orElseThrow()
                        .verdict());
    }

    @Test
    void compare_parameterAddedSinceBase_matchedOnTheOthers() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        BenchmarkKey old = new BenchmarkKey("dev.layerbench.bench.L.op", "avgt", new TreeMap<>(Map.of("n", "10")));
        BenchmarkKey now =
                new BenchmarkKey("dev.layerbench.bench.L.op", "avgt", new TreeMap<>(Map.of("n", "10", "read", "none")));
        ForkSamples a = forks(r, 100, 2, 2, 0.01, 0.01);
        List<GateCheck.Row> rows = GateCheck.DEFAULT.compare(
                Map.of(old, new ForkSamples(old, "ms/op", a.forks())),
                Map.of(now, new ForkSamples(now, "ms/op", a.forks())));
        assertEquals(1, rows.size());
        assertEquals(Verdict.SAME, rows.getFirst().verdict());
        // two values of the new parameter: which one the base ran is unknown, both are new
        BenchmarkKey all =
                new BenchmarkKey("dev.layerbench.bench.L.op", "avgt", new TreeMap<>(Map.of("n", "10", "read", "all")));
        List<GateCheck.Row> two = GateCheck.DEFAULT.compare(
                Map.of(old, new ForkSamples(old, "ms/op", a.forks())),
                Map.of(now, new ForkSamples(now, "ms/op", a.forks()), all, new ForkSamples(all, "ms/op", a.forks())));
        assertEquals(
                List.of(Verdict.NEW, Verdict.NEW),
                two.stream().map(GateCheck.Row::verdict).toList());
    }

    @Test
    void bootstrap_sameSeed_sameInterval() {
        SplittableRandom r = new SplittableRandom(5);
        ForkSamples a = forks(r, 100, 4, 4, 0.05, 0.05);
        ForkSamples b = forks(r, 100, 4, 4, 0.05, 0.05);
        assertEquals(new Bootstrap(500, 9).ratio(a, b, 0.95), new Bootstrap(500, 9).ratio(a, b, 0.95));
    }

    @Test
    void compare_pageCacheUpTenPercentInEveryFork_isRegression_timeUnchangedIsNot(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        List<java.nio.file.Path> base = new ArrayList<>();
        List<java.nio.file.Path> current = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double t = 50 + i; // the time varies from fork to fork; the bytes do not
            base.add(java.nio.file.Files.writeString(
                    dir.resolve("base-" + i + ".json"), ForkSamplesTest.memoryResult(93_798.4, t)));
            current.add(java.nio.file.Files.writeString(
                    dir.resolve("current-" + i + ".json"), ForkSamplesTest.memoryResult(93_798.4 * 1.1, t)));
        }
        List<GateCheck.Row> rows = GateCheck.DEFAULT.compare(ForkSamples.read(base), ForkSamples.read(current));
        assertEquals(2, rows.size(), rows.toString());
        for (GateCheck.Row row : rows) {
            boolean memory = row.key().benchmark().endsWith(":pageCacheBytesPerContainer");
            assertEquals(memory ? Verdict.REGRESSION : Verdict.SAME, row.verdict(), row.toString());
            if (memory) {
                assertEquals(1.1, row.ratio(), 1e-9);
                assertEquals(93_798.4, row.base(), 1e-6);
            }
        }
        // a growth under the 5% floor is significant but does not fail; equal counts are the same, MDE 0
        List<java.nio.file.Path> small = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            small.add(java.nio.file.Files.writeString(
                    dir.resolve("small-" + i + ".json"), ForkSamplesTest.memoryResult(93_798.4 * 1.03, 50 + i)));
        }
        for (GateCheck.Row row : GateCheck.DEFAULT.compare(ForkSamples.read(base), ForkSamples.read(small))) {
            if (row.key().benchmark().endsWith(":pageCacheBytesPerContainer")) {
                assertEquals(Verdict.SLOWER, row.verdict(), row.toString());
            }
        }
        for (GateCheck.Row row : GateCheck.DEFAULT.compare(ForkSamples.read(base), ForkSamples.read(base))) {
            assertEquals(Verdict.SAME, row.verdict(), row.toString());
            if (row.key().benchmark().endsWith(":pageCacheBytesPerContainer")) {
                assertEquals(0.0, row.mde(), row.toString());
            }
        }
        assertEquals(
                List.of("LayoutBench.create"),
                GateReport.classPatterns(rows.stream()
                        .filter(r -> r.verdict() == Verdict.REGRESSION)
                        .toList()));
    }
}
