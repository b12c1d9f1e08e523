package dev.layerbench.sizing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerbench.dataset.Datasets;
import dev.layerbench.fs.DiskUsage;
import dev.layerbench.fs.LoopFilesystem;
import dev.layerbench.layout.LayoutKind;
import dev.layerbench.layout.LayoutOptions;
import dev.layerbench.testing.LoopFleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sizing model of {@code erofs} and {@code composefs-style} against real disks (root, erofs, mkfs.erofs): both
 * layouts materialized on an ext4 and an XFS loop filesystem for several datasets and workloads, the allocated bytes and
 * inodes of base and containers measured (each inode once, as du counts; the erofs mounts are not entered) and compared
 * with {@link FleetSizer}'s rows: within 10%; so are the EROFS image files alone against {@link ErofsImageModel}
 * (the object store's bytes would hide an error in it). The metadata images are what Debian's mkfs.erofs 1.5 writes, zero
 * chunks included ({@link ErofsImageModel}).
 */
class ErofsSizingValidationTest {

    static final double TOLERANCE = 0.10;

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        Workload writes = new Workload(10, 4096, 10, 16384, 0);
        List<Arguments> out = new ArrayList<>();
        for (LoopFilesystem.Type type : List.of(LoopFilesystem.Type.EXT4, LoopFilesystem.Type.XFS)) {
            out.add(Arguments.of(type, new SizingValidationTest.Case(Datasets.SMALL, 4, Workload.NONE)));
            out.add(Arguments.of(type, new SizingValidationTest.Case("synthetic-deep", 2, writes)));
            out.add(Arguments.of(type, new SizingValidationTest.Case(Datasets.DEFAULT, 3, writes)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void predicted_matchesMeasured_within10Percent(LoopFilesystem.Type type, SizingValidationTest.Case c)
            throws Exception {
        for (LayoutKind k : List.of(LayoutKind.EROFS, LayoutKind.COMPOSEFS)) {
            assumeTrue(k.unavailable().isEmpty(), k.unavailable().orElse(""));
        }
        try (LoopFleet fleet = LoopFleet.open(type, dir, c.dataset(), c.containers(), c.workload())) {
            SizingReport predicted = fleet.predict(c.workload());
            for (LayoutKind kind : List.of(LayoutKind.EROFS, LayoutKind.COMPOSEFS)) {
                DiskUsage measured = fleet.materialize(kind, LayoutOptions.defaults(), (layout, made) -> {
                    // the images alone, so that the object store's bytes cannot hide an error in the EROFS model
                    long imageBytes = 0;
                    try (var files = Files.walk(layout.base())) {
                        for (Path f : files.filter(
                                        f -> f.getFileName().toString().endsWith(".erofs"))
                                .toList()) {
                            imageBytes += Files.size(f);
                        }
                    }
                    long model = 0;
                    if (kind == LayoutKind.EROFS) {
                        Map<String, LayerSummary> distinct = new HashMap<>();
                        fleet.fleet()
                                .forEach(f -> f.layers()
                                        .forEach(l ->
                                                distinct.putIfAbsent(l.diffId().hex(), l)));
                        for (LayerSummary l : distinct.values()) {
                            model += ErofsImageModel.layerImageBytes(l);
                        }
                    } else {
                        for (FleetImage f : fleet.fleet()) {
                            model += ErofsImageModel.imageBytes(
                                    ImageTree.of(f.layers()).entries(),
                                    java.util.Set.of(),
                                    ErofsImageModel.Form.METADATA);
                        }
                    }
                    String imageLine = String.format(
                            Locale.ROOT,
                            "%-5s %-36s %-16s EROFS images predicted %,14d B  measured %,14d B  (%+.2f%%)",
                            type,
                            c,
                            kind.label(),
                            model,
                            imageBytes,
                            100.0 * (model - imageBytes) / imageBytes);
                    System.out.println("VALIDATION " + imageLine);
                    assertTrue(Math.abs(model - imageBytes) <= TOLERANCE * imageBytes, imageLine);
                });
                SizingReport.LayoutSize p =
                        predicted.layout(kind == LayoutKind.EROFS ? FleetLayout.EROFS : FleetLayout.COMPOSEFS);
                String line = String.format(
                        Locale.ROOT,
                        "%-5s %-36s %-16s predicted %,14d B %,8d inodes  measured %,14d B %,8d inodes  (%+.2f%%, %+.2f%%)",
                        type,
                        c,
                        kind.label(),
                        p.bytes(),
                        p.inodes(),
                        measured.bytes(),
                        measured.inodes(),
                        100.0 * (p.bytes() - measured.bytes()) / measured.bytes(),
                        100.0 * (p.inodes() - measured.inodes()) / measured.inodes());
                System.out.println("VALIDATION " + line);
                assertTrue(Math.abs(p.bytes() - measured.bytes()) <= TOLERANCE * measured.bytes(), "bytes: " + line);
                assertTrue(
                        Math.abs(p.inodes() - measured.inodes()) <= TOLERANCE * measured.inodes(), "inodes: " + line);
            }
        }
    }
}
