package dev.layerbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading raw per-fork samples from JMH JSON: time per operation whatever the mode, forks pooled across files. */
class ForkSamplesTest {

    @TempDir
    Path dir;

    @Test
    void parse_throughput_invertedToTimePerOp() throws Exception {
        ForkSamples s = ForkSamples.parse("x", Json.MAPPER.readTree("""
                {"benchmark":"a.B.m","mode":"thrpt","params":{"size":"1"},
                 "primaryMetric":{"score":2,"scoreUnit":"ops/s","rawData":[[2.0,4.0]]}}"""));
        assertEquals("s/op", s.unit());
        assertEquals(List.of(List.of(0.5, 0.25)), s.forks());
    }

    @Test
    void parse_sampleMode_iterationInterquartileMeansFromHistogram() throws Exception {
        ForkSamples s = ForkSamples.parse("x", Json.MAPPER.readTree("""
                {"benchmark":"a.B.m","mode":"sample",
                 "primaryMetric":{"score":2,"scoreUnit":"ns/op",
                   "rawDataHistogram":[[[[100.0,2],[110.0,3],[130.0,2],[9000.0,1]],[[150.0,10]]]]}}"""));
        // 8 samples: the middle four are 110, 110, 110, 130 (the 9,000 ns pause is outside)
        assertEquals(List.of(List.of(115.0, 150.0)), s.forks());
    }

    @Test
    void parse_noRawData_failsNamingWhere() throws Exception {
        ResultsException e = assertThrows(
                ResultsException.class,
                () -> ForkSamples.parse(
                        "f.json: result 0",
                        Json.MAPPER.readTree(
                                "{\"benchmark\":\"a.B.m\",\"mode\":\"avgt\",\"primaryMetric\":{\"score\":1}}")));
        assertTrue(
                e.getMessage().startsWith("f.json: result 0") && e.getMessage().contains("rawData"), e.getMessage());
    }

    @Test
    void read_twoFiles_forksPooled() throws Exception {
        String json =
                "[{\"benchmark\":\"a.B.m\",\"mode\":\"avgt\",\"primaryMetric\":{\"score\":1,\"scoreUnit\":\"ms/op\","
                        + "\"rawData\":[[1.0,2.0,3.0]]}}]";
        Path a = Files.writeString(dir.resolve("a.json"), json);
        Path b = Files.writeString(dir.resolve("b.json"), json.replace("1.0,2.0,3.0", "5.0"));
        Map<BenchmarkKey, ForkSamples> m = ForkSamples.read(List.of(a, b));
        ForkSamples s = m.values().iterator().next();
        assertEquals(2, s.forks().size());
        assertEquals((2.0 + 5.0) / 2, s.location());
    }

    @Test
    void read_notJson_oneLineNamingFile() throws Exception {
        Path a = Files.writeString(dir.resolve("a.json"), "{nope");
        ResultsException e = assertThrows(ResultsException.class, () -> ForkSamples.read(List.of(a)));
        assertTrue(e.getMessage().startsWith(a.toString()) && !e.getMessage().contains("\n"), e.getMessage());
    }

    /** A LayoutBench read=all result, as JMH writes it: five iterations, each reporting its share of the counters. */
    static String memoryResult(double bytesPerContainer, double nanosPerOp) {
        double share = bytesPerContainer / 5;
        return """
                [{"benchmark":"dev.layerbench.bench.LayoutBench.create","mode":"avgt","forks":1,
                  "measurementIterations":5,"params":{"layout":"SHARED","n":"10","read":"all"},
                  "primaryMetric":{"score":%1$s,"scoreUnit":"us/op","rawData":[[%1$s,%1$s,%1$s,%1$s,%1$s]]},
                  "secondaryMetrics":{
                    "pageCacheBytesPerContainer":{"score":%2$s,"scoreUnit":"#","rawData":[[%3$s,%3$s,%3$s,%3$s,%3$s]]},
                    "bytesPerContainer":{"score":4096,"scoreUnit":"#","rawData":[[819.2,819.2,819.2,819.2,819.2]]},
                    "coldReadMicros":{"score":0,"scoreUnit":"#","rawData":[[0,0,0,0,0]]}}}]""".formatted(nanosPerOp, bytesPerContainer, share);
    }

    @Test
    void read_pageCacheMetric_ownRowScaledBackFromIterationShares() throws Exception {
        Path a = Files.writeString(dir.resolve("a.json"), memoryResult(93_798.4, 50));
        Map<BenchmarkKey, ForkSamples> m = ForkSamples.read(List.of(a));
        assertEquals(2, m.size(), m.keySet().toString()); // the time and the page cache; other counters left out
        ForkSamples memory = m.entrySet().stream()
                .filter(e -> e.getKey().benchmark().endsWith(":pageCacheBytesPerContainer"))
                .findFirst()
                .orElseThrow()
                .getValue();
        assertEquals(
                "LayoutBench.create:pageCacheBytesPerContainer", memory.key().shortName());
        assertEquals("all", memory.key().params().get("read"));
        assertEquals("#", memory.unit());
        assertEquals(93_798.4, memory.location(), 1e-6);
    }

    @Test
    void read_pageCacheMetricOfTwoForks_scaledByIterationsAndForks() throws Exception {
        // 2 forks x 2 iterations: each iteration reports a quarter of the mean
        Path a = Files.writeString(dir.resolve("a.json"), """
                [{"benchmark":"a.B.m","mode":"avgt","forks":2,"measurementIterations":2,
                  "primaryMetric":{"score":1,"scoreUnit":"us/op","rawData":[[1.0,1.0],[1.0,1.0]]},
                  "secondaryMetrics":{"pageCacheBytesPerContainer":{"score":1000,"scoreUnit":"#",
                    "rawData":[[250.0,250.0],[250.0,250.0]]}}}]""");
        ForkSamples memory = ForkSamples.read(List.of(a)).entrySet().stream()
                .filter(e -> e.getKey().benchmark().equals("a.B.m:pageCacheBytesPerContainer"))
                .findFirst()
                .orElseThrow()
                .getValue();
        assertEquals(List.of(List.of(1000.0, 1000.0), List.of(1000.0, 1000.0)), memory.forks());
    }

    @Test
    void read_pageCacheMetricAllZero_noRow() throws Exception {
        Path a = Files.writeString(dir.resolve("a.json"), memoryResult(0, 50));
        assertEquals(1, ForkSamples.read(List.of(a)).size());
    }
}
