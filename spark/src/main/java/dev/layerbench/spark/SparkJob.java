package dev.layerbench.spark;

import dev.layerbench.cli.SizeReportText;
import dev.layerbench.json.Json;
import dev.layerbench.sizing.SizingException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The job's command line, for {@code spark-submit --class dev.layerbench.spark.SparkJob target/spark/layerbench-spark.jar
 * TOOL ...} (or plain {@code java} with Spark on the class path: then Spark runs in local mode, {@code local[2]}):
 * {@code summarize} (layer blobs to the export's summaries), {@code size} (sql/sizing.sql, the report of {@code size})
 * and {@code registry} (sql/registry.sql). Bad input is one line on stderr and exit code 1.
 */
@Command(
        name = "layerbench-spark",
        mixinStandardHelpOptions = true,
        subcommands = {SparkJob.Summarize.class, SparkJob.Size.class, SparkJob.Registry.class},
        description = "Sizing past one machine: layer summaries and the sizing SQL on Spark.")
public final class SparkJob {

    /** Text or JSON, as {@code size --format}. */
    enum Format {
        table,
        json
    }

    private SparkJob() {}

    public static void main(String[] args) {
        if (System.getProperty("spark.master") == null && System.getProperty("log4j2.configurationFile") == null) {
            // local mode from a plain command line: Spark's errors only (spark-submit's own logging config applies
            // there)
            System.setProperty("log4j2.configurationFile", "classpath:dev/layerbench/spark/log4j2-local.properties");
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line; returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SparkJob());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String line = e instanceof SizingException || e instanceof java.io.IOException
                    ? e.getMessage()
                    : "internal error: " + e.getClass().getName() + ": " + SparkScript.oneLine(e)
                            + " (set LAYERBENCH_DEBUG=1 for the stack trace)";
            cmd.getErr()
                    .println(cmd.getCommandName() + ": " + String.valueOf(line).replace('\n', ' '));
            if (System.getenv("LAYERBENCH_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return 1;
        });
        return cli.execute(args);
    }

    /** The session spark-submit configured, or a local one ({@code local[2]}, no UI) when none was. */
    static SparkSession session() {
        SparkConf conf = new SparkConf();
        SparkSession.Builder b = SparkSession.builder().appName("layerbench").config(conf);
        if (!conf.contains("spark.master")) {
            b.master("local[2]").config("spark.ui.enabled", "false");
            if (!conf.contains("spark.sql.shuffle.partitions")) {
                b.config("spark.sql.shuffle.partitions", "8");
            }
        }
        SparkSession spark = b.getOrCreate();
        return spark;
    }

    @Command(
            name = "summarize",
            mixinStandardHelpOptions = true,
            description = "Summarize every layer blob at a Hadoop path into an export's summaries/ and chunks/.")
    static final class Summarize implements Callable<Integer> {
        @Option(
                names = "--blobs",
                required = true,
                paramLabel = "PATH",
                description =
                        "Layer blobs: a directory (such as an OCI layout's blobs/sha256), a glob or comma-separated paths, any Hadoop URI.")
        String blobs;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "DIR",
                description = "The export directory (any Hadoop URI) the summaries go into.")
        String out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            SparkSession spark = session();
            long start = System.nanoTime();
            LayerBlobs.Result r = LayerBlobs.summarize(spark, blobs, out);
            long entries =
                    r.layers().stream().mapToLong(LayerBlobs.Blob::entries).sum();
            long chunks = r.layers().stream().mapToLong(LayerBlobs.Blob::chunks).sum();
            spec.commandLine()
                    .getOut()
                    .printf(
                            Locale.ROOT,
                            "SUMMARIZED %d layer blobs (%d entries, %d chunks) into %s in %.1f s; %d other files skipped (not gzip, zstd or tar)%n",
                            r.layers().size(),
                            entries,
                            chunks,
                            out,
                            (System.nanoTime() - start) / 1e9,
                            r.skipped().size());
            return 0;
        }
    }

    @Command(
            name = "size",
            mixinStandardHelpOptions = true,
            description = "Run sql/sizing.sql over an export on Spark SQL and print the report of size.")
    static final class Size implements Callable<Integer> {
        @Option(
                names = "--export",
                required = true,
                paramLabel = "DIR",
                description = "The export (size --export's Parquet, any Hadoop URI).")
        String export;

        @Option(
                names = "--blobs",
                paramLabel = "PATH",
                description = "First summarize the layer blobs at PATH into the export (as summarize).")
        String blobs;

        @Option(
                names = "--format",
                defaultValue = "table",
                paramLabel = "FORMAT",
                description = "table or json (default: ${DEFAULT-VALUE}).")
        Format format;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            SparkSession spark = session();
            if (blobs != null) {
                LayerBlobs.summarize(spark, blobs, export);
            }
            SparkSizing s = SparkSizing.run(spark, export);
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.json) {
                out.println(Json.MAPPER
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(SizeReportText.json(s.report(), s.memory())));
            } else {
                SizeReportText.table(
                        out, s.report(), s.memory(), "sql/sizing.sql on Spark " + spark.version() + " from " + export);
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "registry",
            mixinStandardHelpOptions = true,
            description =
                    "Run sql/registry.sql (dedup without flattening images) over an export or a corpus on Spark SQL.")
    static final class Registry implements Callable<Integer> {
        @Option(
                names = "--export",
                required = true,
                paramLabel = "DIR",
                description = "The export or corpus (any Hadoop URI).")
        String export;

        @Option(
                names = "--format",
                defaultValue = "table",
                paramLabel = "FORMAT",
                description = "table or json (default: ${DEFAULT-VALUE}).")
        Format format;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            SparkSession spark = session();
            long start = System.nanoTime();
            Map<String, Object> r = SparkRegistry.run(spark, export);
            double seconds = (System.nanoTime() - start) / 1e9;
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.json) {
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r));
            } else {
                out.printf(
                        Locale.ROOT,
                        "REGISTRY  %d images, %d layers, %d file rows, %d distinct contents (%.2f%% unique); %.1f s on Spark %s%n",
                        r.get("images"),
                        r.get("layers"),
                        r.get("file_rows"),
                        r.get("distinct_contents"),
                        100 * ((Number) r.get("unique_file_fraction")).doubleValue(),
                        seconds,
                        spark.version());
                out.printf(
                        Locale.ROOT,
                        "DEDUP     layer %.2fx  file %.2fx  chunk %.2fx  (%d bytes of layer content: %d in distinct layers, %d in distinct files, %d in distinct chunks)%n",
                        r.get("layer"),
                        r.get("file"),
                        r.get("chunk"),
                        r.get("logical_bytes"),
                        r.get("layer_bytes"),
                        r.get("file_bytes"),
                        r.get("chunk_bytes"));
            }
            out.flush();
            return 0;
        }
    }
}
