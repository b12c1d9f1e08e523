package dev.layerbench.cli;

import dev.layerbench.codec.Compression;
import dev.layerbench.dataset.BuildOptions;
import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.dataset.LayerRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run {@code bin/layerbench} records a JDK 25 AOT cache from ({@code -XX:AOTCacheOutput}, JEP 483/514/515):
 * each tool's small jobs, through {@link Main#run} as the command line runs them, on a tiny synthetic image that an
 * earlier run ({@code inputs}, without the cache flags) built in {@code WORKDIR} (the caller removes it); with TOOL,
 * only that tool's jobs. What the runs load, link and profile is
 * what the cache keeps, and a JVM started with the cache loads and links all of it at once: a cache per tool keeps
 * each tool's start from paying for the others' classes.
 * <pre>java -cp benchmarks.jar dev.layerbench.cli.AotTraining inputs WORKDIR
 * java -XX:AOTCacheOutput=FILE --enable-native-access=ALL-UNNAMED -cp benchmarks.jar dev.layerbench.cli.AotTraining jobs WORKDIR [TOOL]</pre>
 * (the run using the cache must give the same {@code --enable-native-access}, or the JVM drops the cache.)
 */
public final class AotTraining {

    /** Rounds of the jobs: later rounds add profiles for the JIT (JEP 515). */
    private static final int ROUNDS = 3;

    private AotTraining() {}

    /** A command line and the exit code it should end with. */
    private record Job(int expect, String... args) {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !(args[0].equals("inputs") || args[0].equals("jobs"))) {
            System.err.println("usage: AotTraining inputs WORKDIR | AotTraining jobs WORKDIR [TOOL]");
            System.exit(2);
        }
        Path work = Path.of(args[1]).toAbsolutePath();
        if (args[0].equals("inputs")) {
            inputs(work);
        } else {
            System.exit(jobs(work, args.length > 2 ? args[2] : null));
        }
    }

    /** Builds the inputs in {@code work}: in a JVM of its own, so that the cache does not keep the builder's classes. */
    static void inputs(Path work) throws IOException {
        Files.createDirectories(work);
        BuiltDataset data = Datasets.build(Datasets.SMALL, work.resolve("image"), BuildOptions.quiet());
        Path gzip = data.store().blobPath(largest(data));
        Files.copy(gzip, work.resolve("layer.tar.gz"));
        try (InputStream in = Compression.GZIP.decompress(Files.newInputStream(gzip))) {
            Files.copy(in, work.resolve("layer.tar"));
        }
        try (InputStream in = Files.newInputStream(work.resolve("layer.tar"));
                OutputStream out = Compression.ZSTD.compress(Files.newOutputStream(work.resolve("layer.tar.zst")))) {
            in.transferTo(out);
        }
        Files.writeString(work.resolve("ref"), data.tags().getFirst());
    }

    /** Runs the jobs (of {@code only}, or all) on the inputs in {@code work}; returns 0, or 1 when one ended otherwise than it should. */
    static int jobs(Path work, String only) throws IOException {
        String image = work.resolve("image").toString();
        String ref = Files.readString(work.resolve("ref"));
        String tar = work.resolve("layer.tar").toString();
        String gzip = work.resolve("layer.tar.gz").toString();
        String zstd = work.resolve("layer.tar.zst").toString();
        String store = work.resolve("store").toString();
        int failed = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String into = work.resolve("out" + round).toString();
            List<Job> jobs = List.of(
                    new Job(0, "help"),
                    new Job(0, "digest", gzip),
                    new Job(0, "unpack", "--layer", tar, "--into", into + "-tar"),
                    new Job(0, "unpack", "--layer", gzip, "--into", into + "-gzip"),
                    new Job(0, "unpack", "--layer", zstd, "--into", into + "-zstd"),
                    new Job(0, "unpack", "--image", image, "--ref", ref, "--into", into + "-image"),
                    // a large input's path (writer threads, read-ahead, the native calls): a tiny input takes it
                    // only when --writers is given
                    new Job(0, "unpack", "--writers", "2", "--layer", gzip, "--into", into + "-gzip-w"),
                    new Job(0, "unpack", "--writers", "2", "--layer", zstd, "--into", into + "-zstd-w"),
                    new Job(0, "unpack", "--writers", "2", "--image", image, "--ref", ref, "--into", into + "-image-w"),
                    new Job(0, "inspect", "--image", image, "--ref", ref),
                    new Job(0, "view", "--image", image, "--ref", ref, "--store", store, "/"),
                    new Job(0, "view", "--image", image, "--ref", ref, "--store", store, "--layers"),
                    new Job(0, "size", "--image", image, "--store", store),
                    new Job(Errors.FAILED, "unpack", "--layer", tar, "--into", into + "-tar"));
            for (Job job : jobs) {
                if (only != null && !job.args()[0].equals(only)) {
                    continue;
                }
                StringWriter err = new StringWriter();
                int code = Main.run(job.args(), new PrintWriter(new StringWriter()), new PrintWriter(err));
                if (code != job.expect()) {
                    System.err.println("training: " + String.join(" ", job.args()) + " exited " + code + ": "
                            + err.toString().strip());
                    failed++;
                }
            }
        }
        return failed == 0 ? 0 : 1;
    }

    /** The digest of the first image's largest layer. */
    private static dev.layerbench.digest.Digest largest(BuiltDataset data) {
        LayerRecord best = null;
        for (LayerRecord l : data.recorded().images().getFirst().layers()) {
            if (best == null || l.uncompressedSize() > best.uncompressedSize()) {
                best = l;
            }
        }
        return best.digest();
    }
}
