package dev.layerbench.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerbench.spark.LocalSpark;
import dev.layerbench.spark.SparkRegistry;
import dev.layerbench.spark.SparkSizing;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same export through {@code size} ({@link FleetSizer}), DuckDB and Spark local: {@code sql/sizing.sql} and
 * {@code sql/registry.sql} give every figure equal on each engine, integers equal, ratios equal as doubles. Each fleet
 * of {@link SizingSqlTest} once (DuckDB runs all their filesystem and workload combinations there; Spark takes some
 * 15-30 s a run, so here each fleet gets one, all filesystems and workloads covered over the fleets), the synthetic
 * corpus at 10^4 rows through sizing.sql (10^6 in a results run: too long for CI) and at 10^6 rows through
 * registry.sql.
 */
class SparkSizingSqlTest {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("hand", Filesystem.EXT4, Workload.NONE),
                Arguments.of("edges", Filesystem.XFS, SizingSqlTest.WRITES),
                Arguments.of("xattrs", Filesystem.EXT4, SizingSqlTest.HEAVY),
                Arguments.of("synthetic", Filesystem.BTRFS, SizingSqlTest.WRITES),
                Arguments.of(dev.layerbench.dataset.Datasets.SMALL, Filesystem.XFS, Workload.NONE),
                Arguments.of("synthetic-deep", Filesystem.BTRFS, SizingSqlTest.HEAVY));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void spark_equalsDuckDbAndSizer(String name, Filesystem fs, Workload w) throws Exception {
        List<FleetImage> fleet = SizingSqlTest.fleet(name, dir);
        SummaryExport.MemoryRead read = SizingSqlTest.read(w);
        Path export = dir.resolve("export");
        SummaryExport.writeParquet(fleet, fs, w, read, export);
        SizingReport java = new FleetSizer(fs, w).size(fleet);
        SqlSizing.Report duck = SqlSizing.run(export);
        SqlSizing.Report spark = sizing(export);
        SizingSqlTest.assertSame(java, spark);
        SizingSqlTest.assertSameMemory(fleet, fs, read, spark);
        assertSameRows(duck, spark);
    }

    /**
     * sizing.sql over the corpus: 10^4 rows here (some 30 s on Spark); {@code -Dlayerbench.spark.corpusRows=1000000}
     * for the results run at 10^6 (results/sql/README.md).
     */
    @Test
    void spark_corpus_sizingEqualsDuckDbAndSizer() throws Exception {
        long rows = Long.getLong("layerbench.spark.corpusRows", 10_000);
        SummaryExport.MemoryRead read = new SummaryExport.MemoryRead(4096, 1.0);
        List<FleetImage> fleet = RegistryCorpus.fleet(rows, 5);
        SizingReport java = new FleetSizer(Filesystem.XFS, SizingSqlTest.WRITES).size(fleet);
        Path corpus = dir.resolve("corpus");
        CorpusExport.write(rows, 5, Filesystem.XFS, SizingSqlTest.WRITES, read, corpus);
        long t0 = System.nanoTime();
        SqlSizing.Report duck = SqlSizing.run(corpus);
        System.out.printf("corpus %d rows: DuckDB sizing.sql %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
        SqlSizing.Report spark = sizing(corpus);
        SizingSqlTest.assertSame(java, spark);
        SizingSqlTest.assertSameMemory(fleet, Filesystem.XFS, read, spark);
        assertSameRows(duck, spark);
    }

    @Test
    void spark_corpusMillion_registryEqualsDuckDbAndSizer() throws Exception {
        long rows = 1_000_000;
        SizingReport java = new FleetSizer(Filesystem.EXT4, Workload.NONE).size(RegistryCorpus.fleet(rows, 5));
        Path corpus = dir.resolve("corpus");
        CorpusExport.write(rows, 5, Filesystem.EXT4, Workload.NONE, SummaryExport.MemoryRead.NONE, corpus);
        Map<String, Object> duck = SqlSizing.registry(corpus);
        long t0 = System.nanoTime();
        Map<String, Object> spark =
                SparkRegistry.run(LocalSpark.session(), corpus.toUri().toString());
        System.out.printf("corpus %d rows: Spark registry.sql %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
        assertEquals(duck.keySet(), spark.keySet(), "columns");
        for (String k : duck.keySet()) {
            assertEquals(duck.get(k), spark.get(k), "registry.sql " + k + ": DuckDB and Spark");
        }
        SizingReport.Dedup d = java.dedup();
        assertEquals(d.logicalBytes(), spark.get("logical_bytes"), "logical bytes");
        assertEquals(d.layerBytes(), spark.get("layer_bytes"), "layer bytes");
        assertEquals(d.fileBytes(), spark.get("file_bytes"), "file bytes");
        assertEquals(d.chunkBytes(), spark.get("chunk_bytes"), "chunk bytes");
        assertEquals(d.layer(), spark.get("layer"), "layer dedup");
        assertEquals(d.file(), spark.get("file"), "file dedup");
        assertEquals(d.chunk(), spark.get("chunk"), "chunk dedup");
        assertEquals(rows, spark.get("file_rows"));
        assertEquals((long) java.stats().distinctLayers(), spark.get("layers"));
    }

    /** sizing.sql on Spark over {@code export}, as the report SqlSizing reads from DuckDB. */
    static SqlSizing.Report sizing(Path export) throws Exception {
        long t0 = System.nanoTime();
        SparkSizing s = SparkSizing.run(LocalSpark.session(), export.toUri().toString());
        System.out.printf("%s: Spark sizing.sql %.1f s%n", export, (System.nanoTime() - t0) / 1e9);
        return new SqlSizing.Report(s.layouts(), s.images(), s.dedup(), s.copyUp());
    }

    /** Every value of every report row equal between the engines (the same Java types: BIGINT Long, DOUBLE Double). */
    static void assertSameRows(SqlSizing.Report duck, SqlSizing.Report spark) {
        rows("layouts", duck.layouts(), spark.layouts());
        rows("images", duck.images(), spark.images());
        rows("dedup", List.of(duck.dedup()), List.of(spark.dedup()));
        rows("copy-up", List.of(duck.copyUp()), List.of(spark.copyUp()));
    }

    private static void rows(String what, List<Map<String, Object>> duck, List<Map<String, Object>> spark) {
        assertEquals(duck.size(), spark.size(), what + " rows");
        for (int i = 0; i < duck.size(); i++) {
            assertEquals(duck.get(i).keySet(), spark.get(i).keySet(), what + " row " + i + " columns");
            for (String k : duck.get(i).keySet()) {
                assertEquals(duck.get(i).get(k), spark.get(i).get(k), what + " row " + i + " " + k);
            }
        }
    }
}
