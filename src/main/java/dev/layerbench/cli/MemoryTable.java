package dev.layerbench.cli;

import dev.layerbench.layout.LayoutRun;
import dev.layerbench.layout.Percentiles;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code layout} tool's MEMORY, RUN and WALK tables: page cache and read times, cold start of a command, the
 * {@code ls -lR}-style metadata walk.
 */
final class MemoryTable {

    private MemoryTable() {}

    /** Prints the tables for the runs that have reads or command runs; {@code fsOf} names a run's filesystem or null. */
    static void print(PrintWriter out, List<LayoutRun.Result> runs, Function<LayoutRun.Result, String> fsOf) {
        if (runs.stream().anyMatch(r -> r.reads().isPresent())) {
            out.println();
            out.printf(
                    "%-28s %5s %16s %14s %8s %12s %12s %26s%n",
                    "MEMORY (after reads)",
                    "N",
                    "PAGECACHE B",
                    "PAGECACHE/c",
                    "VS N=1",
                    "COLD ms",
                    "WARM ms",
                    "WARM p50/p90/p99 ms");
            for (LayoutRun.Result r : runs) {
                r.reads()
                        .ifPresent(m -> out.printf(
                                "%-28s %5d %16d %14s %8s %12.1f %12s %26s%n",
                                name(r, fsOf),
                                r.n(),
                                m.pageCacheBytes(),
                                Sizes.si((long) m.pageCacheBytesPerContainer()),
                                vsOne(runs, r, fsOf),
                                m.coldReadNanos() / 1e6,
                                m.warm().count() == 0 ? "-" : String.format("%.1f", m.warmReadNanos() / 1e6),
                                percentiles(m.warm())));
            }
        }
        if (runs.stream().anyMatch(r -> r.runs().isPresent())) {
            out.println();
            out.printf(
                    "%-28s %5s %16s %14s %12s %12s %26s%n",
                    "RUN (cold start)", "N", "PAGECACHE B", "PAGECACHE/c", "COLD ms", "WARM ms", "WARM p50/p90/p99 ms");
            for (LayoutRun.Result r : runs) {
                r.runs()
                        .ifPresent(c -> out.printf(
                                "%-28s %5d %16d %14s %12.1f %12s %26s%n",
                                name(r, fsOf)
                                        + c.replayed().map(f -> " (replay)").orElse(""),
                                r.n(),
                                c.pageCacheBytes(),
                                Sizes.si((long) c.pageCacheBytesPerContainer()),
                                c.coldNanos() / 1e6,
                                c.warm().count() == 0 ? "-" : String.format("%.1f", c.warmNanos() / 1e6),
                                percentiles(c.warm())));
            }
        }
    }

    /** The WALK table for the runs that walked a container. */
    static void printWalks(PrintWriter out, List<LayoutRun.Result> runs, Function<LayoutRun.Result, String> fsOf) {
        if (runs.stream().noneMatch(r -> r.walk().isPresent())) {
            return;
        }
        out.println();
        out.printf(
                "%-28s %5s %10s %12s %12s %10s%n",
                "WALK (ls -lR, container 1)", "N", "ENTRIES", "COLD ms", "WARM ms", "COLD/WARM");
        for (LayoutRun.Result r : runs) {
            r.walk()
                    .ifPresent(w -> out.printf(
                            "%-28s %5d %10d %12.1f %12.1f %9.1fx%n",
                            name(r, fsOf),
                            r.n(),
                            w.entries(),
                            w.coldNanos() / 1e6,
                            w.warmNanos() / 1e6,
                            w.coldNanos() / w.warmNanos()));
        }
    }

    private static String name(LayoutRun.Result r, Function<LayoutRun.Result, String> fsOf) {
        String fs = fsOf.apply(r);
        return fs == null ? r.label() : r.label() + "@" + fs;
    }

    /** Page cache at this N over the same layout's at N=1 (one reader), when both ran. */
    private static String vsOne(
            List<LayoutRun.Result> runs, LayoutRun.Result r, Function<LayoutRun.Result, String> fsOf) {
        for (LayoutRun.Result one : runs) {
            if (one.n() == 1
                    && name(one, fsOf).equals(name(r, fsOf))
                    && one.reads().isPresent()
                    && one.reads().get().pageCacheBytes() > 0) {
                return String.format(
                        "%.2fx",
                        (double) r.reads().get().pageCacheBytes()
                                / one.reads().get().pageCacheBytes());
            }
        }
        return "-";
    }

    private static String percentiles(Percentiles p) {
        return p.count() == 0 ? "-" : String.format("%.1f/%.1f/%.1f", p.p50() / 1e6, p.p90() / 1e6, p.p99() / 1e6);
    }
}
