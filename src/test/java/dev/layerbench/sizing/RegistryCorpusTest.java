package dev.layerbench.sizing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry-scale corpus: the same bytes for a seed, calibrated to the published figures, sized alike by SQL. */
class RegistryCorpusTest {

    @TempDir
    Path dir;

    private static List<byte[]> files(Path root) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                out.add(root.relativize(p).toString().getBytes());
                out.add(Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void write_sameSeed_sameBytes_otherSeed_otherBytes() throws Exception {
        CorpusExport.Written a = CorpusExport.write(
                100_000, 1, Filesystem.EXT4, Workload.NONE, SummaryExport.MemoryRead.NONE, dir.resolve("a"));
        CorpusExport.write(100_000, 1, Filesystem.EXT4, Workload.NONE, SummaryExport.MemoryRead.NONE, dir.resolve("b"));
        CorpusExport.write(100_000, 2, Filesystem.EXT4, Workload.NONE, SummaryExport.MemoryRead.NONE, dir.resolve("c"));
        List<byte[]> fa = files(dir.resolve("a"));
        List<byte[]> fb = files(dir.resolve("b"));
        assertEquals(fa.size(), fb.size());
        for (int i = 0; i < fa.size(); i++) {
            assertArrayEquals(fa.get(i), fb.get(i), "file " + i / 2);
        }
        byte[] first = Files.readAllBytes(dir.resolve("a/summaries/corpus/part-00000.parquet"));
        assertFalse(Arrays.equals(first, Files.readAllBytes(dir.resolve("c/summaries/corpus/part-00000.parquet"))));
        assertEquals(100_000, a.corpus().fileRows());
        assertTrue(a.bytes() > 0);
    }

    @Test
    void writeCsv_sameSeed_sameBytes_readsBackAsTheCorpus() throws Exception {
        for (String name : List.of("a", "b")) {
            CorpusExport.write(
                    30_000,
                    3,
                    Filesystem.EXT4,
                    Workload.NONE,
                    SummaryExport.MemoryRead.NONE,
                    dir.resolve(name),
                    SummaryExport.Format.CSV);
        }
        CorpusExport.write(
                30_000,
                4,
                Filesystem.EXT4,
                Workload.NONE,
                SummaryExport.MemoryRead.NONE,
                dir.resolve("c"),
                SummaryExport.Format.CSV);
        List<byte[]> fa = files(dir.resolve("a"));
        List<byte[]> fb = files(dir.resolve("b"));
        assertEquals(fa.size(), fb.size());
        for (int i = 0; i < fa.size(); i++) {
            assertArrayEquals(fa.get(i), fb.get(i), "file " + i / 2);
        }
        assertFalse(Arrays.equals(
                Files.readAllBytes(dir.resolve("a/images.csv")), Files.readAllBytes(dir.resolve("c/images.csv"))));
        // the rows are the corpus's: each image's layers, each layer's summary as generated
        List<FleetImage> fleet = RegistryCorpus.fleet(30_000, 3);
        List<String> lines = Files.readAllLines(dir.resolve("a/images.csv"));
        int row = 1;
        for (FleetImage image : fleet) {
            for (int j = 0; j < image.layers().size(); j++) {
                LayerSummary l = image.layers().get(j);
                assertEquals(
                        image.ref() + ",1," + j + "," + l.diffId().hex(),
                        lines.get(row++).replace("\"", "")); // Jackson may quote the digest
                Path csv = dir.resolve("a/summaries/sha256/" + l.diffId().hex() + ".csv");
                try (var in = Files.newInputStream(csv)) {
                    assertEquals(l, SummaryCsv.read(in, l.diffId(), csv.toString()));
                }
            }
        }
        assertEquals(lines.size(), row);
    }

    @Test
    void write_intoAnExistingDirectory_refusesAndLeavesNothing() throws Exception {
        Files.createDirectories(dir.resolve("there"));
        IOException e = assertThrows(
                IOException.class,
                () -> CorpusExport.write(
                        1000, 1, Filesystem.EXT4, Workload.NONE, SummaryExport.MemoryRead.NONE, dir.resolve("there")));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    /** Least-squares slope of log(uses) against log(rank) over the top ranks: a Zipf law of exponent s gives -s. */
    static double zipfSlope(int[] uses, int ranks) {
        int[] sorted = uses.clone();
        Arrays.sort(sorted);
        int n = Math.min(ranks, sorted.length);
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int r = 1; r <= n; r++) {
            double x = Math.log(r);
            double y = Math.log(sorted[sorted.length - r]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    /** The corpus written as Parquet parts, through sizing.sql in DuckDB, gives every figure FleetSizer gives. */
    static void sqlEqualsSizer(long rows, Path dir) throws Exception {
        SummaryExport.MemoryRead read = new SummaryExport.MemoryRead(4096, 1.0);
        long t0 = System.nanoTime();
        SizingReport java = new FleetSizer(Filesystem.XFS, SizingSqlTest.WRITES).size(RegistryCorpus.fleet(rows, 5));
        long t1 = System.nanoTime();
        CorpusExport.write(rows, 5, Filesystem.XFS, SizingSqlTest.WRITES, read, dir.resolve("corpus"));
        long t2 = System.nanoTime();
        SqlSizing.Report sql = SqlSizing.run(dir.resolve("corpus"));
        long t3 = System.nanoTime();
        System.out.printf(
                "corpus %d rows: generate + FleetSizer %.1f s, export %.1f s, DuckDB sizing.sql %.1f s%n",
                rows, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        SizingSqlTest.assertSame(java, sql);
        SizingSqlTest.assertSameMemory(RegistryCorpus.fleet(rows, 5), Filesystem.XFS, read, sql);
        // registry.sql: the dedup figures without flattening
        java.util.Map<String, Object> registry = SqlSizing.registry(dir.resolve("corpus"));
        SizingReport.Dedup d = java.dedup();
        assertEquals(d.logicalBytes(), registry.get("logical_bytes"), "logical bytes");
        assertEquals(d.layerBytes(), registry.get("layer_bytes"), "layer bytes");
        assertEquals(d.fileBytes(), registry.get("file_bytes"), "file bytes");
        assertEquals(d.chunkBytes(), registry.get("chunk_bytes"), "chunk bytes");
        assertEquals(d.layer(), registry.get("layer"), "layer dedup");
        assertEquals(d.file(), registry.get("file"), "file dedup");
        assertEquals(d.chunk(), registry.get("chunk"), "chunk dedup");
        assertEquals(rows, registry.get("file_rows"));
        assertEquals((long) java.stats().distinctLayers(), registry.get("layers"));
    }

    @Test
    void sql_corpus100k_equalsSizer() throws Exception {
        sqlEqualsSizer(100_000, dir);
    }

    @Test
    void sql_corpusMillion_equalsSizer() throws Exception {
        sqlEqualsSizer(1_000_000, dir);
    }

    @Test
    void generate_million_isCalibrated() throws Exception {
        for (long seed : new long[] {1, 2, 3}) {
            calibrated(RegistryCorpus.generate(1_000_000, seed, l -> {}));
        }
    }

    private static void calibrated(RegistryCorpus.Result r) {
        System.out.printf(
                "corpus 1e6: %d images, %d layers, %d entry rows, %d chunk rows; median layer %d B,"
                        + " median image files %d, unique files %.4f, layer slope %.2f, file slope %.2f%n",
                r.images().size(),
                r.layerBytes().length,
                r.entryRows(),
                r.chunkRows(),
                r.medianLayerBytes(),
                r.medianImageFiles(),
                r.uniqueFileFraction(),
                zipfSlope(r.layerUses(), 20),
                zipfSlope(r.contentUses(), 1000));
        assertEquals(1_000_000, r.fileRows());
        assertTrue(r.medianLayerBytes() < 4_000_000, "median layer " + r.medianLayerBytes());
        assertTrue(
                Math.abs(r.medianImageFiles() - 1090) < 1090 * 0.15, "median files per image " + r.medianImageFiles());
        assertTrue(
                r.uniqueFileFraction() > 0.025 && r.uniqueFileFraction() < 0.035, "unique " + r.uniqueFileFraction());
        double layers = zipfSlope(r.layerUses(), 20);
        double files = zipfSlope(r.contentUses(), 1000);
        assertTrue(layers < -0.5 && layers > -1.5, "layer popularity slope " + layers);
        assertTrue(files < -0.5 && files > -1.5, "file popularity slope " + files);
    }
}
