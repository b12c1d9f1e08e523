package dev.layerbench.cli;

import dev.layerbench.fs.Posix;
import dev.layerbench.sizing.CorpusExport;
import dev.layerbench.sizing.Filesystem;
import dev.layerbench.sizing.RegistryCorpus;
import dev.layerbench.sizing.SizingException;
import dev.layerbench.sizing.SummaryExport;
import dev.layerbench.sizing.Workload;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code corpus --rows N [--seed S] --export DIR [--fs FS] [--workload SPEC] [--read all|FRACTION] [--format csv]}:
 * writes the
 * registry-scale synthetic corpus ({@link RegistryCorpus}) of N file rows as a sizing export ({@code sql/README.md}),
 * the same bytes for the same arguments, and prints its calibration figures.
 */
@Command(name = "corpus", mixinStandardHelpOptions = true, description = CorpusTool.DESCRIPTION)
final class CorpusTool implements Callable<Integer> {

    /** Its line in {@code help} (a constant: the list is printed without loading the tool). */
    static final String DESCRIPTION =
            "Write a seeded registry-scale synthetic corpus of layer summaries (Parquet) for sql/sizing.sql and sql/registry.sql.";

    @Option(
            names = "--rows",
            required = true,
            paramLabel = "N",
            description = "Regular-file rows over the distinct layers (1 to 10^9).")
    long rows;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "S",
            description = "Seed (default: ${DEFAULT-VALUE}); a seed gives the same bytes.")
    long seed;

    @Option(
            names = "--export",
            required = true,
            paramLabel = "DIR",
            description = "A new directory to write the export into.")
    Path export;

    @Option(
            names = "--fs",
            defaultValue = "ext4",
            paramLabel = "FS",
            description = "Recorded in params.parquet: ext4, xfs or btrfs (default: ${DEFAULT-VALUE}).")
    String fs;

    @Option(
            names = "--workload",
            defaultValue = "none",
            paramLabel = "SPEC",
            description = "Recorded in params.parquet (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(
            names = "--read",
            paramLabel = "all|FRACTION",
            description = "Recorded in params.parquet: the memory model's read fraction.")
    String read;

    @Option(
            names = "--format",
            defaultValue = "parquet",
            paramLabel = "FORMAT",
            description =
                    "parquet (the schema of sql/README.md, default) or csv (images.csv and a summaries/sha256/<hex>.csv"
                            + " per layer, the export's CSV form; it records no --fs, --workload or --read).")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (rows < 1 || rows > RegistryCorpus.MAX_ROWS) {
            throw new SizingException("--rows " + rows + ": expected 1 to " + RegistryCorpus.MAX_ROWS);
        }
        SummaryExport.Format form = switch (format) {
            case "parquet" -> SummaryExport.Format.PARQUET;
            case "csv" -> SummaryExport.Format.CSV;
            default -> throw new SizingException("--format " + format + ": expected parquet or csv");
        };
        if (form == SummaryExport.Format.CSV) {
            for (String o : java.util.List.of("--fs", "--workload", "--read")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                    throw new SizingException(
                            o + " with --format csv: the CSV form has no params file to record it in");
                }
            }
        }
        Filesystem f = Filesystem.parse(fs);
        Workload w = Workload.parse(workload);
        SummaryExport.MemoryRead m = read == null
                ? SummaryExport.MemoryRead.NONE
                : new SummaryExport.MemoryRead(Posix.pageSize(), SizeTool.fraction(read));
        long t0 = System.nanoTime();
        CorpusExport.Written out = CorpusExport.write(rows, seed, f, w, m, export, form);
        double seconds = (System.nanoTime() - t0) / 1e9;
        RegistryCorpus.Result r = out.corpus();
        PrintWriter p = spec.commandLine().getOut();
        p.printf(
                Locale.ROOT,
                "CORPUS    %d file rows (%d entries, %d chunks), %d layers, %d images; seed %d%n",
                r.fileRows(),
                r.entryRows(),
                r.chunkRows(),
                r.layerBytes().length,
                r.images().size(),
                seed);
        p.printf(
                Locale.ROOT,
                "CALIBRATE median layer %d bytes, median files per image %d, unique files %.2f%%%n",
                r.medianLayerBytes(),
                r.medianImageFiles(),
                100 * r.uniqueFileFraction());
        p.printf(Locale.ROOT, "WRITTEN   %s: %d bytes in %.1f s%n", export, out.bytes(), seconds);
        p.flush();
        return 0;
    }
}
