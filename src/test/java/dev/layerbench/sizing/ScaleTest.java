package dev.layerbench.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Sizing 1,000 images from summaries in memory: 100,000 containers cost what 1,000 do (counts only multiply), and
 * what the sizer allocates grows with distinct layers and paths. Figures printed for the README; the assertions
 * compare runs of this test with each other, never with fixed times.
 */
class ScaleTest {

    record Run(SizingReport report, double seconds, long allocated) {}

    static Run run(List<FleetImage> fleet, Workload w) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(id);
        long start = System.nanoTime();
        SizingReport r = new FleetSizer(Filesystem.EXT4, w).size(fleet);
        double s = (System.nanoTime() - start) / 1e9;
        return new Run(r, s, threads.getThreadAllocatedBytes(id) - before);
    }

    @Test
    void size_thousandImages_costDoesNotGrowWithContainers() {
        Workload w = new Workload(10, 65536, 5, 1 << 20, 3);
        List<FleetImage> one = SyntheticFleet.generate(7, 1000, 1, 10, 100, 3000);
        List<FleetImage> hundred = one.stream().map(i -> i.withContainers(100)).toList();
        List<FleetImage> half = SyntheticFleet.generate(7, 500, 100, 10, 100, 3000);
        run(one, w); // warm-up
        Run small = run(one, w);
        Run big = run(hundred, w);
        Run fewer = run(half, w);
        for (Run r : List.of(small, big, fewer)) {
            SizingReport.Stats s = r.report().stats();
            System.out.printf(
                    Locale.ROOT,
                    "SCALE %d images, %,d containers: %.2f s, %,d bytes allocated; %d distinct layers,"
                            + " %,d layer entries, %,d distinct files, %,d distinct chunks%n",
                    r.report().images().size(),
                    r.report().containers(),
                    r.seconds(),
                    r.allocated(),
                    s.distinctLayers(),
                    s.layerEntries(),
                    s.distinctContents(),
                    s.distinctChunks());
        }
        assertEquals(100_000, big.report().containers());
        for (FleetLayout l : FleetLayout.values()) {
            assertEquals(
                    small.report().layout(l).perContainerBytes(),
                    big.report().layout(l).perContainerBytes());
        }
        assertTrue(
                big.allocated() < 1.2 * small.allocated(),
                "allocation grows with containers: " + small.allocated() + " for 1,000, " + big.allocated()
                        + " for 100,000");
        assertTrue(fewer.allocated() < 0.8 * big.allocated(), "allocation does not follow distinct layers and paths");
    }
}
