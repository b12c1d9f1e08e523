package dev.layerbench.cli;

import dev.layerbench.dataset.BuildOptions;
import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.dataset.DatasetCatalog;
import dev.layerbench.dataset.DatasetManifest;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.dataset.ImageRecord;
import dev.layerbench.dataset.LayerRecord;
import dev.layerbench.dataset.Progress;
import dev.layerbench.fs.AtomicFile;
import dev.layerbench.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dataset list} and {@code dataset build NAME [--into DIR]}: the benchmark inputs of {@code datasets/}. */
@Command(
        name = "dataset",
        mixinStandardHelpOptions = true,
        description = DatasetTool.DESCRIPTION,
        subcommands = {DatasetTool.ListCommand.class, DatasetTool.BuildCommand.class})
final class DatasetTool implements Runnable {

    /** Its line in {@code help} (a constant: the list is printed without loading the tool). */
    static final String DESCRIPTION = "List the datasets (datasets/*.json) or build one into the cache or a directory.";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    enum Format {
        table,
        markdown,
        json
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the datasets with description, size and whether they are built in the cache.")
    static final class ListCommand implements Callable<Integer> {

        @Option(
                names = "--format",
                defaultValue = "table",
                paramLabel = "FORMAT",
                description =
                        "table, markdown (per-layer tables, as in datasets/README.md) or json (default: ${DEFAULT-VALUE}).")
        Format format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            DatasetCatalog catalog = Datasets.catalog();
            Path cache = Datasets.cacheDir();
            switch (format) {
                case json ->
                    out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(catalog.all()));
                case markdown -> catalog.all().forEach(m -> markdown(out, best(m, cache)));
                case table -> {
                    int width = Math.max(
                            18,
                            catalog.all().stream()
                                    .mapToInt(m -> m.name().length())
                                    .max()
                                    .orElse(0));
                    String row = "%-" + width + "s  %-9s  %6s  %6s  %10s  %12s  %-5s  %s%n";
                    out.printf(row, "NAME", "KIND", "IMAGES", "LAYERS", "SIZE", "UNCOMPRESSED", "BUILT", "DESCRIPTION");
                    for (DatasetManifest m : catalog.all()) {
                        Optional<DatasetManifest> built = Datasets.recorded(cache.resolve(m.name()));
                        DatasetManifest shown = best(m, cache);
                        long layers = shown.images().stream()
                                .flatMap(i -> i.layers().stream())
                                .distinct()
                                .count();
                        out.printf(
                                row,
                                m.name(),
                                m.kind(),
                                m.imageCount(),
                                shown.pinned() ? Long.toString(layers) : "?",
                                shown.pinned() ? Sizes.si(shown.distinctSize()) : "?",
                                shown.pinned() ? Sizes.si(shown.distinctUncompressedSize()) : "?",
                                built.isPresent() ? "yes" : "no",
                                m.description());
                    }
                    out.println("cache: " + cache);
                }
            }
            out.flush();
            return 0;
        }

        /** The pinned manifest, or for a real dataset not pinned yet the one recorded by a build in the cache. */
        private static DatasetManifest best(DatasetManifest m, Path cache) {
            if (m.pinned()) {
                return m;
            }
            try {
                return Datasets.recorded(cache.resolve(m.name()))
                        .filter(DatasetManifest::pinned)
                        .orElse(m);
            } catch (IOException e) {
                return m;
            }
        }

        private static void markdown(PrintWriter out, DatasetManifest m) {
            out.println("### " + m.name());
            out.println();
            out.println(m.description());
            out.println();
            if (!m.pinned()) {
                out.println("Not built yet: `java -jar target/benchmarks.jar dataset build " + m.name() + "`.");
                out.println();
                return;
            }
            out.printf(
                    "%d images, %d distinct layers, %d bytes (%s) stored, %d bytes (%s) uncompressed.%n%n",
                    m.images().size(),
                    m.images().stream()
                            .flatMap(i -> i.layers().stream())
                            .distinct()
                            .count(),
                    m.distinctSize(),
                    Sizes.si(m.distinctSize()),
                    m.distinctUncompressedSize(),
                    Sizes.si(m.distinctUncompressedSize()));
            for (ImageRecord image : m.images()) {
                out.println("Image `" + image.name() + "` (manifest `" + image.manifest() + "`):");
                out.println();
                out.println("| layer | files | whiteouts | entries | bytes (tar) | stored | compression | diff_id |");
                out.println("|---:|---:|---:|---:|---:|---:|---|---|");
                int i = 0;
                for (LayerRecord l : image.layers()) {
                    String compression = l.mediaType().contains("+")
                            ? l.mediaType().substring(l.mediaType().indexOf('+') + 1)
                            : "none";
                    out.printf(
                            "| %d | %d | %d | %d | %d | %d | %s | `%s` |%n",
                            i++,
                            l.files(),
                            l.whiteouts(),
                            l.entries(),
                            l.uncompressedSize(),
                            l.size(),
                            compression,
                            l.diffId().hex().substring(0, 12));
                }
                out.printf(
                        "| total | %d | | | %d | %d | | |%n%n", image.files(), image.uncompressedSize(), image.size());
            }
        }
    }

    @Command(
            name = "build",
            mixinStandardHelpOptions = true,
            description = "Build a dataset (or reuse a complete build) and print where it is.")
    static final class BuildCommand implements Callable<Integer> {

        @Parameters(paramLabel = "NAME", description = "A dataset of 'dataset list'.")
        String name;

        @Option(
                names = "--into",
                paramLabel = "DIR",
                description =
                        "Build here (an empty or new directory, or an earlier build) instead of the cache: ${sys:user.home}/.cache/layerbench/datasets/NAME unless $XDG_CACHE_HOME or $LAYERBENCH_DATASETS say otherwise.")
        Path into;

        @Option(
                names = "--rebuild",
                description = "Build again even when a complete build is there (real: re-run debootstrap and apt).")
        boolean rebuild;

        @Option(
                names = "--pin",
                paramLabel = "FILE",
                description =
                        "Write the manifest with the layers as built to FILE (to pin them in datasets/NAME.json).")
        Path pin;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path target = into != null ? into : Datasets.cacheDir().resolve(name);
            BuildOptions options = BuildOptions.reporting(Progress.to(err));
            BuiltDataset built =
                    Datasets.build(Datasets.catalog().get(name), target, rebuild ? options.rebuilding() : options);
            built.warning().ifPresent(w -> err.println("dataset: warning: " + w));
            if (pin != null) {
                AtomicFile.write(
                        pin, AtomicFile.Durability.ATOMIC_ONLY, built.recorded().toJson());
                err.println("dataset: pinned " + name + " in " + pin);
            }
            err.flush();
            DatasetManifest m = built.recorded();
            out.printf(
                    "%s  %s  %d images, %d bytes stored, %d bytes uncompressed%s%n",
                    name,
                    built.root(),
                    m.images().size(),
                    m.distinctSize(),
                    m.distinctUncompressedSize(),
                    built.reused() ? " (reused)" : "");
            out.flush();
            return 0;
        }
    }
}
