package dev.layerbench.sizing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.dataset.Datasets;
import dev.layerbench.fs.DiskUsage;
import dev.layerbench.fs.LoopFilesystem;
import dev.layerbench.layout.LayoutKind;
import dev.layerbench.layout.LayoutOptions;
import dev.layerbench.testing.LoopFleet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sizing model against real disks: the layouts of {@code dev.layerbench.layout} materialized for several datasets,
 * container counts and workloads on a loop filesystem made for the test (root only), the allocated bytes and inodes
 * measured (each inode once, as du counts) and compared with the prediction: within 5%, base plus containers.
 *
 * <p>ext4: shared, flat and file-dedup (hard links). XFS and btrfs: shared only. Their flat and file-dedup layouts
 * share extents through reflinks, which the model counts once (physical bytes) and du cannot see: a free-space delta
 * would be the measure there, not done here.
 */
class SizingValidationTest {

    static final double TOLERANCE = 0.05;

    @TempDir
    Path dir;

    record Case(String dataset, int containers, Workload workload) {
        @Override
        public String toString() {
            return dataset + " x" + containers + " " + workload.format();
        }
    }

    static Stream<Arguments> cases() {
        Workload writes = new Workload(10, 4096, 10, 16384, 0);
        Workload heavy = new Workload(20, 65536, 5, 1 << 20, 0);
        List<Arguments> out = new ArrayList<>();
        for (LoopFilesystem.Type type : LoopFilesystem.Type.values()) {
            out.add(Arguments.of(type, new Case(Datasets.SMALL, 4, Workload.NONE)));
            out.add(Arguments.of(type, new Case(Datasets.SMALL, 6, writes)));
            out.add(Arguments.of(type, new Case("synthetic-deep", 3, heavy)));
            out.add(Arguments.of(type, new Case(Datasets.DEFAULT, 3, writes)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void predicted_matchesMeasured_within5Percent(LoopFilesystem.Type type, Case c) throws Exception {
        List<LayoutKind> kinds = type == LoopFilesystem.Type.EXT4
                ? List.of(LayoutKind.SHARED, LayoutKind.FLAT, LayoutKind.FILE_DEDUP)
                : List.of(LayoutKind.SHARED);
        try (LoopFleet fleet = LoopFleet.open(type, dir, c.dataset(), c.containers(), c.workload())) {
            Filesystem fs = fleet.filesystem();
            SizingReport predicted = fleet.predict(c.workload());
            SizingReport templates = fleet.predict(Workload.NONE);
            for (LayoutKind kind : kinds) {
                LayoutOptions options = LayoutOptions.defaults().with(LayoutOptions.Sharing.HARDLINK);
                DiskUsage measured = fleet.materialize(kind, options, (layout, made) -> {});
                long measuredBytes = measured.bytes();
                long measuredInodes = measured.inodes();
                FleetLayout model = switch (kind) {
                    case SHARED -> FleetLayout.SHARED;
                    case FLAT -> FleetLayout.FLAT;
                    case FILE_DEDUP -> FleetLayout.FILE_DEDUP;
                    default -> throw new IllegalStateException(kind.label());
                };
                SizingReport.LayoutSize p = predicted.layout(model);
                long predictedBytes = p.bytes();
                long predictedInodes = p.inodes();
                if (kind == LayoutKind.FLAT) {
                    // the flat layout keeps one flattened template per image in base/flat/<n>/, copied per container
                    SizingReport.LayoutSize t = templates.layout(FleetLayout.FLAT);
                    for (int i = 0; i < fleet.fleet().size(); i++) {
                        predictedBytes += t.perContainerBytes().get(i);
                        predictedInodes += t.perContainerInodes().get(i);
                    }
                    predictedBytes += 2L * fs.dirBytes(1, 4); // base/, base/flat/
                    predictedInodes += 2;
                }
                String line = String.format(
                        Locale.ROOT,
                        "%-6s %-36s %-10s predicted %,14d B %,8d inodes  measured %,14d B %,8d inodes  (%+.2f%%, %+.2f%%)",
                        type,
                        c,
                        kind.label(),
                        predictedBytes,
                        predictedInodes,
                        measuredBytes,
                        measuredInodes,
                        100.0 * (predictedBytes - measuredBytes) / measuredBytes,
                        100.0 * (predictedInodes - measuredInodes) / measuredInodes);
                System.out.println("VALIDATION " + line);
                assertTrue(Math.abs(predictedBytes - measuredBytes) <= TOLERANCE * measuredBytes, "bytes: " + line);
                assertTrue(Math.abs(predictedInodes - measuredInodes) <= TOLERANCE * measuredInodes, "inodes: " + line);
            }
        }
    }
}
