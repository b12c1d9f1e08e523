package dev.layerbench.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.dataset.BuildOptions;
import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.oci.EntryKind;
import dev.layerbench.testing.BrokenSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sql/sizing.sql} in DuckDB over a Parquet export gives every figure {@link FleetSizer} gives: integers equal,
 * ratios equal as doubles; for each layout, image, dedup level and the copy-up; on hand-made fleets (whiteouts, opaque
 * directories, hard links, a directory replaced by a file), the seeded synthetic fleet and the small synthetic
 * datasets; on ext4, XFS and btrfs, idle and with a workload.
 */
class SizingSqlTest {

    @TempDir
    Path dir;

    static final Workload WRITES = new Workload(3, 4096, 2, 10_000, 2);
    static final Workload HEAVY = new Workload(20, 65536, 5, 1 << 20, 7);

    static Stream<Arguments> cases() throws Exception {
        List<Arguments> out = new ArrayList<>();
        for (String fleet :
                List.of("hand", "edges", "xattrs", "erofs", "synthetic", Datasets.SMALL, "synthetic-deep")) {
            for (Filesystem fs : Filesystem.values()) {
                for (Workload w : List.of(Workload.NONE, WRITES, HEAVY)) {
                    out.add(Arguments.of(fleet, fs, w));
                }
            }
        }
        return out.stream();
    }

    static List<FleetImage> fleet(String name, Path dir) throws Exception {
        return switch (name) {
            case "hand" -> FleetSizerTest.fleet();
            case "edges" -> edges();
            case "xattrs" -> xattrs();
            case "erofs" -> ErofsImageModelTest.edges();
            case "synthetic" -> SyntheticFleet.generate(7, 6, 3, 2, 3, 60);
            default -> dataset(name, dir);
        };
    }

    /** Layers that exercise every rule of stacking. */
    static List<FleetImage> edges() {
        LayerSummary base = Layers.layer(
                "e-base",
                Layers.dir("etc"),
                Layers.file("etc/a", 5000, "a"),
                Layers.file("etc/b", 100, "b"),
                Layers.dir("opt/x"),
                Layers.file("opt/x/y", 70_000, "y"),
                Layers.file("opt/x/z", 9000, "z"),
                Layers.file("usr/bin/tool", 123_456, "tool"),
                new SummaryEntry("usr/bin/t2", EntryKind.HARDLINK, 0, "", "usr/bin/tool", 0644, 0, 0, Chunks.NONE),
                new SummaryEntry("usr/bin/sh", EntryKind.SYMLINK, 0, "", "x".repeat(80), 0777, 0, 0, Chunks.NONE),
                new SummaryEntry("dev/null", EntryKind.OTHER, 0, "", "", 0666, 0, 0, Chunks.NONE),
                Layers.file("srv/f", 4096, "f"),
                Layers.file("var/lib/keep", 10, "k"));
        LayerSummary top = Layers.layer(
                "e-top",
                Layers.whiteout("opt/x"),
                Layers.file("opt/x/new", 300, "n"),
                new SummaryEntry("etc", EntryKind.OPAQUE, 0, "", "", 0, 0, 0, Chunks.NONE),
                Layers.file("etc/c", 64, "c"),
                Layers.file("srv", 50, "srv-file"),
                Layers.file("etc/a2", 5000, "a"),
                Layers.file("srv/f/under", 12, "u"));
        LayerSummary third = Layers.layer(
                "e-third",
                Layers.whiteout("etc/c"),
                Layers.whiteout("usr"),
                Layers.file("usr/lib/again", 4097, "again"),
                Layers.file("etc/c", 1, "c1"),
                Layers.file("etc/c", 2, "c2"));
        return List.of(
                new FleetImage("edges/1", 2, List.of(base, top)),
                new FleetImage("edges/2", 3, List.of(base, top, third)),
                new FleetImage("edges/3", 1, List.of(base)),
                new FleetImage("edges/1-again", 4, List.of(base, top)));
    }

    /** xattrs on every kind of entry, some in the inode, some a block (ext4, xfs), on files the workload picks too. */
    static List<FleetImage> xattrs() {
        Map<String, byte[]> big = Map.of("user.big", new byte[1000]);
        Map<String, byte[]> mid = Map.of("user.mid", new byte[200]);
        Map<String, byte[]> cap = Map.of("security.capability", new byte[20]);
        LayerSummary base = Layers.layer(
                "x-base",
                Layers.dir("etc").withXattrs(big),
                Layers.file("etc/tiny", 10, "tiny").withXattrs(big),
                Layers.file("etc/cap", 5000, "cap").withXattrs(cap),
                Layers.file("usr/bin/ping", 70_000, "ping").withXattrs(mid),
                Layers.file("usr/bin/plain", 300, "plain"),
                new SummaryEntry("usr/bin/p", EntryKind.SYMLINK, 0, "", "ping", 0777, 0, 0, Chunks.NONE)
                        .withXattrs(mid),
                new SummaryEntry("dev/x", EntryKind.OTHER, 0, "", "", 0666, 0, 0, Chunks.NONE).withXattrs(big),
                Layers.file("srv/small", 20, "small").withXattrs(mid));
        LayerSummary top = Layers.layer(
                "x-top",
                Layers.file("etc/cap", 5000, "cap").withXattrs(big),
                Layers.dir("opt").withXattrs(mid),
                Layers.file("opt/f", 4097, "f").withXattrs(big));
        return List.of(new FleetImage("xattrs/1", 2, List.of(base)), new FleetImage("xattrs/2", 3, List.of(base, top)));
    }

    static List<FleetImage> dataset(String name, Path dir) throws Exception {
        BuiltDataset built = Datasets.build(name, Datasets.cacheDir().resolve(name), BuildOptions.quiet());
        SummaryCache cache = SummaryCache.at(dir.resolve("store"));
        return new FleetLoader(cache).load(List.of(new FleetLoader.Source(built.root(), 3)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void sql_equalsSizer(String name, Filesystem fs, Workload w) throws Exception {
        List<FleetImage> fleet = fleet(name, dir);
        SizingReport java = new FleetSizer(fs, w).size(fleet);
        SummaryExport.MemoryRead read = read(w);
        Path export = dir.resolve("export");
        SummaryExport.writeParquet(fleet, fs, w, read, export);
        SqlSizing.Report sql = SqlSizing.run(export);
        assertSame(java, sql);
        assertSameMemory(fleet, fs, read, sql);
    }

    /** The memory asked with each workload: all pages, a fraction on 16 KiB pages, none. */
    static SummaryExport.MemoryRead read(Workload w) {
        return w.equals(Workload.NONE)
                ? new SummaryExport.MemoryRead(4096, 1.0)
                : w.equals(WRITES) ? new SummaryExport.MemoryRead(16384, 0.37) : SummaryExport.MemoryRead.NONE;
    }

    /** memory_bytes equals MemoryModel's prediction per layout, NULL where it has none or none was asked. */
    static void assertSameMemory(
            List<FleetImage> fleet, Filesystem fs, SummaryExport.MemoryRead read, SqlSizing.Report sql) {
        Map<FleetLayout, Long> memory =
                read.fraction() < 0 ? Map.of() : new MemoryModel(fs, read.pageSize()).predict(fleet, read.fraction());
        int compared = 0;
        for (FleetLayout l : FleetLayout.values()) {
            Map<String, Object> row = sql.layouts().stream()
                    .filter(r -> l.label().equals(r.get("layout")))
                    .findFirst()
                    .orElse(null);
            if (row == null && SqlSizing.NOT_IN_SQL_YET.contains(l.label())) {
                continue;
            }
            assertNotNull(row, l.label() + ": no row in the SQL's last statement");
            assertEquals(memory.get(l), row.get("memory_bytes"), l.label() + " memory");
            compared++;
        }
        assertEquals(sql.layouts().size(), compared, "SQL rows for layouts size does not report");
    }

    static void assertSame(SizingReport java, SqlSizing.Report sql) {
        List<SizingReport.LayoutSize> inSql = java.layouts().stream()
                .filter(l -> !SqlSizing.NOT_IN_SQL_YET.contains(l.layout().label())
                        || sql.layouts().stream()
                                .anyMatch(r -> l.layout().label().equals(r.get("layout"))))
                .toList();
        assertEquals(inSql.size(), sql.layouts().size());
        for (int i = 0; i < inSql.size(); i++) {
            SizingReport.LayoutSize l = inSql.get(i);
            Map<String, Object> r = sql.layouts().get(i);
            String what = l.layout().label();
            assertEquals(l.layout().label(), r.get("layout"));
            assertEquals(l.fixedBytes(), r.get("fixed_bytes"), what + " fixed bytes");
            assertEquals(l.fixedInodes(), r.get("fixed_inodes"), what + " fixed inodes");
            assertEquals(l.bytes(), r.get("bytes"), what + " bytes");
            assertEquals(l.inodes(), r.get("inodes"), what + " inodes");
            assertEquals(l.bytesPerContainer(), r.get("bytes_per_container"), what + " bytes per container");
        }
        assertEquals(java.images().size(), sql.images().size());
        for (int i = 0; i < java.images().size(); i++) {
            SizingReport.ImageSize m = java.images().get(i);
            Map<String, Object> r = sql.images().get(i);
            String what = m.ref() + " ";
            assertEquals(m.ref(), r.get("ref"));
            assertEquals((long) m.containers(), r.get("containers"), what + "containers");
            assertEquals(m.sizeBytes(), r.get("size_bytes"), what + "size");
            assertEquals(m.sharedBytes(), r.get("shared_bytes"), what + "SHARED");
            assertEquals(m.uniqueBytes(), r.get("unique_bytes"), what + "UNIQUE");
            assertEquals(m.wastedBytes(), r.get("wasted_bytes"), what + "WASTED");
            assertEquals((long) m.layers(), r.get("layers"), what + "layers");
            assertEquals(m.files(), r.get("files"), what + "files");
        }
        SizingReport.Dedup d = java.dedup();
        assertEquals(d.logicalBytes(), sql.dedup().get("logical_bytes"), "logical bytes");
        assertEquals(d.layerBytes(), sql.dedup().get("layer_bytes"), "layer bytes");
        assertEquals(d.fileBytes(), sql.dedup().get("file_bytes"), "file bytes");
        assertEquals(d.chunkBytes(), sql.dedup().get("chunk_bytes"), "chunk bytes");
        assertEquals(d.layer(), sql.dedup().get("layer"), "layer dedup");
        assertEquals(d.file(), sql.dedup().get("file"), "file dedup");
        assertEquals(d.chunk(), sql.dedup().get("chunk"), "chunk dedup");
        SizingReport.CopyUp c = java.copyUp();
        assertEquals(c.copiedUpBytes(), sql.copyUp().get("copied_up_bytes"), "copied up");
        assertEquals(c.writtenBytes(), sql.copyUp().get("written_bytes"), "written");
        assertEquals(c.amplification(), sql.copyUp().get("amplification"), "amplification");
    }

    /** The export of the hand fleet, and the path of its first summary file. */
    private Path export() throws Exception {
        Path export = dir.resolve("export");
        SummaryExport.writeParquet(FleetSizerTest.fleet(), Filesystem.EXT4, Workload.NONE, export);
        return export;
    }

    private static Path firstSummary(Path export) throws Exception {
        try (Stream<Path> s = Files.list(export.resolve("summaries/sha256"))) {
            return s.sorted().findFirst().orElseThrow();
        }
    }

    private static String failure(Path export) {
        Exception e = assertThrows(Exception.class, () -> SqlSizing.run(export));
        String m = e.getMessage();
        assertTrue(m.lines().count() == 1, "one line: " + m);
        return m;
    }

    @Test
    void sql_summaryWithoutAColumn_namesFileAndColumn() throws Exception {
        Path export = export();
        Path one = firstSummary(export);
        BrokenSummary.withoutColumn(one, "size");
        String m = failure(export);
        assertTrue(m.contains(one.getFileName().toString()) && m.contains("column size (INT64) is missing"), m);
    }

    @Test
    void sql_summaryColumnOfAnotherType_namesFileAndColumn() throws Exception {
        Path export = export();
        Path one = firstSummary(export);
        BrokenSummary.withStringColumn(one, "mode");
        String m = failure(export);
        assertTrue(m.contains(one.getFileName().toString()) && m.contains("column mode (INT32)"), m);
    }

    @Test
    void sql_layerWithoutSummary_namesImagesDiffId() throws Exception {
        Path export = export();
        Path one = firstSummary(export);
        Files.delete(one);
        String m = failure(export);
        assertTrue(
                m.startsWith("Invalid Input Error: images.parquet: column diff_id: layer sha256:"
                        + one.getFileName().toString().replace(".parquet", "")),
                m);
        assertTrue(m.contains("its summary is missing"), m);
    }

    @Test
    void sql_summaryTwice_isMixedNotDoubled() throws Exception {
        Path export = export();
        Path one = firstSummary(export);
        Files.createDirectories(export.resolve("summaries/copy"));
        Files.copy(one, export.resolve("summaries/copy/" + one.getFileName()));
        String m = failure(export);
        assertTrue(m.contains("images.parquet: column diff_id") && m.contains("mixed or partial summaries"), m);
    }

    @Test
    void sql_paramsOfAnotherExport_isMixedExports() throws Exception {
        Path export = export();
        Path other = dir.resolve("other");
        SummaryExport.writeParquet(FleetSizerTest.fleet().subList(0, 1), Filesystem.EXT4, Workload.NONE, other);
        Files.copy(
                other.resolve("params.parquet"),
                export.resolve("params.parquet"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String m = failure(export);
        assertTrue(m.contains("images.parquet: column export_id") && m.contains("two exports are mixed"), m);
    }
}
