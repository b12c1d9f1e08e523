package dev.layerbench.bench;

import dev.layerbench.sizing.Filesystem;
import dev.layerbench.sizing.FleetImage;
import dev.layerbench.sizing.FleetLayout;
import dev.layerbench.sizing.FleetSizer;
import dev.layerbench.sizing.SizingReport;
import dev.layerbench.sizing.SyntheticFleet;
import dev.layerbench.sizing.Workload;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does sizing a fleet take once its layer summaries are loaded, and does it depend on the container count?
 *
 * <p>Each operation sizes {@code images} synthetic images ({@link SyntheticFleet}: 10 base layers of 3,000 files, 100
 * runtime layers, two layers per image of its own) with {@code containers} containers each, ext4, workload
 * {@code modify=10x64KiB,add=5x1MiB,delete=3}, all four layouts. Run with {@code -prof gc} to see allocation per
 * operation (it follows images and paths, not containers).
 *
 * <p>Run: {@code java -jar target/benchmarks.jar SizingBench -f 1 -wi 2 -i 5 -prof gc}
 *
 * <p>Result (2-vCPU AMD EPYC VM, Linux 6.18, Temurin 25.0.3, working directory on the VM's ext4 root disk, 2026-11-30,
 * shared with other agents' work; {@code java -jar target/benchmarks.jar SizingBench -f 1 -wi 1 -i 3 -p images=100 -p
 * containers=1}): 767.4 ± 164.4 ms/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@State(Scope.Benchmark)
public class SizingBench extends ForkedBench.Heap4g {

    @Param({"100", "1000"})
    public int images;

    @Param({"1", "100"})
    public int containers;

    private List<FleetImage> fleet;
    private FleetSizer sizer;

    /** The corpus, and a check that the container count only multiplies the per-container cost. */
    @Setup(Level.Trial)
    public void prepare() {
        fleet = SyntheticFleet.generate(7, images, containers, 10, 100, 3000);
        sizer = new FleetSizer(Filesystem.EXT4, new Workload(10, 65536, 5, 1 << 20, 3));
        SizingReport r = sizer.size(fleet);
        SizingReport one =
                sizer.size(fleet.stream().map(i -> i.withContainers(1)).toList());
        if (r.containers() != (long) images * containers
                || !r.layout(FleetLayout.FLAT)
                        .perContainerBytes()
                        .equals(one.layout(FleetLayout.FLAT).perContainerBytes())) {
            throw new IllegalStateException("sizing depends on the container count beyond multiplying");
        }
    }

    @Benchmark
    public SizingReport size() {
        long t = PlantedSlowdown.begin();
        SizingReport r = sizer.size(fleet);
        PlantedSlowdown.end(t);
        return r;
    }
}
