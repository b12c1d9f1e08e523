package dev.layerbench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerbench.dataset.BuildOptions;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.fs.Posix;
import dev.layerbench.json.Json;
import dev.layerbench.sizing.Filesystem;
import dev.layerbench.sizing.FleetImage;
import dev.layerbench.sizing.FleetLayout;
import dev.layerbench.sizing.FleetLoader;
import dev.layerbench.sizing.FleetSizer;
import dev.layerbench.sizing.MemoryModel;
import dev.layerbench.sizing.SizingException;
import dev.layerbench.sizing.SizingReport;
import dev.layerbench.sizing.SummaryCache;
import dev.layerbench.sizing.SummaryExport;
import dev.layerbench.sizing.Workload;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code size --image PATH[:COUNT] ... [--dataset NAME[:COUNT]] [--workload SPEC] [--fs ext4|xfs|btrfs]
 * [--format table|json|csv] [--chart FILE.png] [--store DIR] [--export DIR
 * [--export-format parquet|csv]]}: bytes and inodes a fleet of containers
 * takes per storage layout, from layer summaries cached in the store.
 */
@Command(name = "size", mixinStandardHelpOptions = true, description = SizeTool.DESCRIPTION)
final class SizeTool implements Callable<Integer> {

    /** Its line in {@code help} (a constant: the list is printed without loading the tool). */
    static final String DESCRIPTION =
            "Predict disk bytes and inodes for a fleet of containers, per storage layout (shared, flat, file-dedup, chunk-dedup, erofs, composefs-style).";

    enum Format {
        table,
        json,
        csv
    }

    @Option(
            names = "--image",
            paramLabel = "PATH[:COUNT]",
            description =
                    "Image source (OCI layout, oci-archive, docker-archive) and containers per image it holds (default 1). Repeatable.")
    List<String> images = new ArrayList<>();

    @Option(
            names = "--dataset",
            paramLabel = "NAME[:COUNT]",
            description =
                    "A dataset of the catalog (built into the cache on first use) and containers per image. Repeatable.")
    List<String> datasets = new ArrayList<>();

    @Option(
            names = "--workload",
            defaultValue = "none",
            paramLabel = "SPEC",
            description = "Per container, e.g. modify=10x64KiB,add=5x1MiB,delete=3 (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(
            names = "--fs",
            defaultValue = "ext4",
            paramLabel = "FS",
            description = "ext4, xfs or btrfs (default: ${DEFAULT-VALUE}).")
    String fs;

    @Option(
            names = "--format",
            defaultValue = "table",
            paramLabel = "FORMAT",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = "--chart",
            paramLabel = "FILE.png",
            description = "Draw bytes on disk against container count per layout.")
    Path chart;

    @Option(
            names = "--read",
            paramLabel = "all|FRACTION",
            description = "Also predict the page cache each layout needs when every container reads all of its image's "
                    + "files (all) or that fraction of their bytes: the MEMORY column, layouts[].memoryBytes.")
    String read;

    @Option(
            names = "--store",
            paramLabel = "DIR",
            description =
                    "Store whose summaries/ caches layer summaries (default: the datasets cache's sibling store/).")
    Path store;

    @Option(
            names = "--export",
            paramLabel = "DIR",
            description =
                    "Write the fleet (images, parameters, the summaries it uses) for DuckDB or Spark: sql/sizing.sql computes this report from it.")
    Path export;

    @Option(
            names = "--export-format",
            defaultValue = "parquet",
            paramLabel = "FORMAT",
            description = "parquet or csv (default: ${DEFAULT-VALUE}); sql/README.md has the schema.")
    ExportFormat exportFormat;

    enum ExportFormat {
        parquet,
        csv
    }

    @Spec
    CommandSpec spec;

    /** Where the output goes when run without picocli ({@link #quick}); null: the command line's. */
    PrintWriter out;

    /** The tool for a plain command line read without picocli (the same options and defaults as above), else {@link QuickLine.Fallback}. */
    static SizeTool quick(List<String> args, PrintWriter out) {
        QuickLine line = QuickLine.read(
                args,
                Set.of("--image", "--dataset", "--workload", "--fs", "--format", "--chart", "--store", "--export"),
                Set.of("--image", "--dataset"),
                Set.of(),
                0);
        SizeTool t = new SizeTool();
        t.images = line.values("--image");
        t.datasets = line.values("--dataset");
        t.workload = line.has("--workload") ? line.value("--workload") : "none";
        t.fs = line.has("--fs") ? line.value("--fs") : "ext4";
        t.format = line.constant("--format", Format.class, Format.table);
        t.chart = line.path("--chart");
        t.store = line.path("--store");
        t.export = line.path("--export");
        t.out = out;
        return t;
    }

    @Override
    public Integer call() throws Exception {
        Workload w = Workload.parse(workload);
        Filesystem f = Filesystem.parse(fs);
        List<FleetLoader.Source> sources = new ArrayList<>();
        for (String i : images) {
            sources.add(source(i, "--image"));
        }
        for (String d : datasets) {
            FleetLoader.Source s = source(d, "--dataset");
            String name = s.path().toString();
            Path dir = Datasets.cacheDir().resolve(name);
            Datasets.build(Datasets.catalog().get(name), dir, BuildOptions.quiet());
            sources.add(new FleetLoader.Source(dir, s.containers()));
        }
        if (sources.isEmpty()) {
            throw new SizingException("size: give at least one --image PATH[:COUNT] or --dataset NAME[:COUNT]");
        }
        Path storeRoot = store != null ? store : Datasets.cacheDir().getParent().resolve("store");
        SummaryCache cache = SummaryCache.at(storeRoot);
        List<FleetImage> fleet = new FleetLoader(cache).load(sources);
        SizingReport report = new FleetSizer(f, w).size(fleet);
        Map<FleetLayout, Long> memory =
                read == null ? Map.of() : new MemoryModel(f, Posix.pageSize()).predict(fleet, fraction(read));
        PrintWriter out = this.out != null ? this.out : spec.commandLine().getOut();
        switch (format) {
            case json ->
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json(report, memory)));
            case csv -> SizeCsv.write(report, out);
            case table -> table(out, report, cache, memory);
        }
        if (chart != null) {
            SizeChart.write(report, chart);
        }
        if (export != null) {
            SummaryExport.MemoryRead asked = read == null
                    ? SummaryExport.MemoryRead.NONE
                    : new SummaryExport.MemoryRead(Posix.pageSize(), fraction(read));
            SummaryExport.write(
                    fleet,
                    f,
                    w,
                    asked,
                    cache,
                    export,
                    exportFormat == ExportFormat.csv ? SummaryExport.Format.CSV : SummaryExport.Format.PARQUET);
        }
        out.flush();
        return 0;
    }

    /** {@code PATH[:COUNT]}: the count after the last colon, when that part has no slash. */
    static FleetLoader.Source source(String text, String option) throws SizingException {
        int colon = text.lastIndexOf(':');
        String path = text;
        int count = 1;
        if (colon >= 0 && text.indexOf('/', colon) < 0) {
            path = text.substring(0, colon);
            String n = text.substring(colon + 1);
            try {
                count = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                count = 0;
            }
            if (count < 1) {
                throw new SizingException(option + " " + text + ": count \"" + n + "\" is not a positive number");
            }
        }
        if (path.isEmpty()) {
            throw new SizingException(option + " " + text + ": no path or name before the count");
        }
        return new FleetLoader.Source(Path.of(path), count);
    }

    /** {@code all} is 1; else a number in (0, 1]. */
    static double fraction(String read) throws SizingException {
        if (read.equals("all")) {
            return 1.0;
        }
        try {
            double d = Double.parseDouble(read);
            if (d > 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new SizingException("--read " + read + ": expected all or a fraction in (0, 1]");
    }

    private static void table(PrintWriter out, SizingReport r, SummaryCache cache, Map<FleetLayout, Long> memory) {
        SizeReportText.table(
                out,
                r,
                memory,
                String.format(
                        Locale.ROOT, "summaries: %d made, %d read from %s", cache.made(), cache.read(), cache.root()));
    }

    static ObjectNode json(SizingReport r) {
        return SizeReportText.json(r, Map.of());
    }

    static ObjectNode json(SizingReport r, Map<FleetLayout, Long> memory) {
        return SizeReportText.json(r, memory);
    }
}
