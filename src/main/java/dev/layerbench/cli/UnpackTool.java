package dev.layerbench.cli;

import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.unpack.LayerBlob;
import dev.layerbench.unpack.Progress;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.UnpackSummary;
import dev.layerbench.unpack.Unpacker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code unpack --layer FILE --into DIR} applies one layer blob (tar, tar+gzip, tar+zstd: recognised by content);
 * {@code unpack --image PATH [--ref NAME] --into DIR} flattens an image. DIR must be new or empty; the work happens in
 * a staging directory beside it, renamed into place at the end. Ends with one summary line.
 */
@Command(name = "unpack", mixinStandardHelpOptions = true, description = UnpackTool.DESCRIPTION)
final class UnpackTool implements Callable<Integer> {

    /** Its line in {@code help} (a constant: the list is printed without loading the tool). */
    static final String DESCRIPTION =
            "Apply a layer (--layer) or flatten an image (--image) into a new or empty DIR, digests verified.";

    static final class Source {
        @Option(
                names = "--layer",
                required = true,
                paramLabel = "FILE",
                description = "A layer blob: tar, tar+gzip or tar+zstd (recognised by its content, not its name).")
        Path layer;

        @Option(
                names = "--image",
                required = true,
                paramLabel = "PATH",
                description = "OCI layout directory, oci-archive tar or docker-archive tar: all layers, bottom first.")
        Path image;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--ref", paramLabel = "NAME", description = "Which image, where the source holds several.")
    String ref;

    @Option(names = "--into", required = true, paramLabel = "DIR", description = "Target directory: new or empty.")
    Path into;

    @Option(
            names = "--writers",
            paramLabel = "N",
            description = "Threads creating files beside the one parsing the tar (default: one per core); "
                    + "with one or more, reading and digests run ahead on threads of their own.")
    Integer writers;

    @Spec
    CommandSpec spec;

    /** Where the output goes when run without picocli ({@link #quick}); null: the command line's. */
    PrintWriter out;

    PrintWriter err;

    /** The tool for a plain command line read without picocli (the same options as above), else {@link QuickLine.Fallback}. */
    static UnpackTool quick(List<String> args, PrintWriter out, PrintWriter err) {
        QuickLine line = QuickLine.read(
                args, Set.of("--layer", "--image", "--ref", "--into", "--writers"), Set.of(), Set.of(), 0);
        QuickLine.require(line.has("--layer") != line.has("--image") && line.has("--into"));
        UnpackTool t = new UnpackTool();
        t.source = new Source();
        t.source.layer = line.path("--layer");
        t.source.image = line.path("--image");
        t.ref = line.value("--ref");
        t.into = line.path("--into");
        t.writers = line.integer("--writers");
        t.out = out;
        t.err = err;
        return t;
    }

    /**
     * Blobs up to this many bytes (compressed, all layers) are unpacked on the parsing thread alone, their entries made
     * through the JDK's file calls ({@link UnpackOptions#forFewFiles}), unless {@code --writers} says otherwise:
     * starting writer and read-ahead threads (and loading the thread pool classes) and linking the native calls cost
     * more than they win on a small input. Measured whole-process on cuts of the Debian base layer (results/startup/
     * README.md, round 4): at 1.8 MB of gzip the JDK's calls on one thread took 461 ms against 547 ms the native way
     * with writers, at 5.1 MB they tied (643 / 656 ms), at 17 MB the native way won (655 / 679-701 ms): 4 MiB.
     */
    static final long SMALL_INPUT = 4 << 20;

    /** {@code options} for a small input (no writer threads, the JDK's calls) when {@code --writers} was not given. */
    UnpackOptions forSize(UnpackOptions options, long inputBytes) {
        return writers == null && inputBytes <= SMALL_INPUT ? options.forFewFiles() : options;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = this.out != null ? this.out : spec.commandLine().getOut();
        PrintWriter err = this.err != null ? this.err : spec.commandLine().getErr();
        if (ref != null && source.image == null) {
            err.println("unpack: --ref needs --image (try 'unpack --help')");
            err.flush();
            return Errors.USAGE;
        }
        Progress progress = new Progress();
        UnpackOptions options = UnpackOptions.flatten().withProgress(progress);
        if (writers != null) {
            options = options.withWriters(writers);
        }
        UnpackSummary summary;
        try (ProgressBar bar = ProgressBar.startIfTerminal(progress, err, "unpack")) {
            if (source.layer != null) {
                LayerBlob blob = LayerBlob.of(source.layer);
                summary = Unpacker.applyLayer(blob, into, forSize(options, blob.size()));
            } else {
                try (ImageArchive archive = ImageArchive.open(source.image)) {
                    Image img = archive.image(ref);
                    long bytes = 0;
                    for (var l : img.layers()) {
                        bytes += l.size();
                    }
                    summary = Unpacker.flatten(archive, img, into, forSize(options, bytes));
                }
            }
        }
        out.println(summary.line());
        out.flush();
        return 0;
    }
}
