package dev.layerbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.ImageImporter;
import dev.layerbench.image.Layer;
import dev.layerbench.json.Json;
import dev.layerbench.layer.LayerStream;
import dev.layerbench.store.BlobStore;
import dev.layerbench.store.Descriptor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inspect --image PATH [--ref NAME] [--format table|json] [--into STORE]}: the image's layers with digest,
 * diff_id, media type, compressed and uncompressed size. Every layer is read once, decompressed, and checked against
 * both its digest and its diff_id; {@code --into} then imports the image into a store.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = InspectTool.DESCRIPTION)
final class InspectTool implements Callable<Integer> {

    /** Its line in {@code help} (a constant: the list is printed without loading the tool). */
    static final String DESCRIPTION =
            "Show an image's layers (digest, diff_id, media type, sizes), verifying every layer; --into imports it.";

    enum Format {
        table,
        json
    }

    @Mixin
    ImageSource source = new ImageSource();

    @Option(
            names = "--format",
            defaultValue = "table",
            paramLabel = "FORMAT",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = "--into",
            paramLabel = "STORE",
            description =
                    "Import the image into this store (an OCI layout directory, created if absent), each blob once.")
    Path into;

    @Spec
    CommandSpec spec;

    /** Where the output goes when run without picocli ({@link #quick}); null: the command line's. */
    PrintWriter out;

    /** The tool for a plain command line read without picocli (the same options as above), else {@link QuickLine.Fallback}. */
    static InspectTool quick(List<String> args, PrintWriter out) {
        QuickLine line = QuickLine.read(args, Set.of("--image", "--ref", "--format", "--into"), Set.of(), Set.of(), 0);
        QuickLine.require(line.has("--image"));
        InspectTool t = new InspectTool();
        t.source = ImageSource.of(line);
        t.format = line.constant("--format", Format.class, Format.table);
        t.into = line.path("--into");
        t.out = out;
        return t;
    }

    /** A layer with the uncompressed size measured while verifying it. */
    record Row(Layer layer, long uncompressedSize) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = this.out != null ? this.out : spec.commandLine().getOut();
        try (ImageArchive archive = ImageArchive.open(source.image)) {
            Image img = archive.image(source.ref);
            List<Row> rows = verify(archive, img);
            Descriptor imported = null;
            BlobStore store = null;
            if (into != null) {
                store = BlobStore.open(into);
                imported = ImageImporter.importImage(archive, img, store, source.ref);
            }
            if (format == Format.json) {
                out.println(Json.MAPPER
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(json(archive, img, rows, store, imported)));
            } else {
                table(out, archive, img, rows, store, imported);
            }
        }
        out.flush();
        return 0;
    }

    /** Reads every layer through decompression, both digests checked; two layers at a time on 2 cores. */
    private static List<Row> verify(ImageArchive archive, Image img) throws Exception {
        int threads =
                Math.max(1, Math.min(img.layers().size(), Runtime.getRuntime().availableProcessors()));
        List<Future<Row>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Layer layer : img.layers()) {
                futures.add(pool.submit(() -> {
                    try (LayerStream in = archive.openUncompressed(layer)) {
                        return new Row(layer, in.verifyToEnd());
                    }
                }));
            }
            List<Row> rows = new ArrayList<>();
            for (Future<Row> f : futures) {
                try {
                    rows.add(f.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
            return rows;
        }
    }

    private void table(
            PrintWriter out, ImageArchive archive, Image img, List<Row> rows, BlobStore store, Descriptor imported) {
        out.printf("IMAGE     %s (%s)%n", archive.source(), archive.format().label());
        out.printf("REF       %s%n", img.ref().isEmpty() ? "<untagged>" : img.ref());
        img.manifest().ifPresent(m -> out.printf("MANIFEST  %s  %s  %d%n", m.digest(), m.mediaType(), m.size()));
        out.printf(
                "CONFIG    %s  %s  %d%n",
                img.config().digest(), img.config().mediaType(), img.config().size());
        out.printf(
                "%-5s  %-71s  %-71s  %-44s  %12s  %12s%n",
                "INDEX", "DIGEST", "DIFF_ID", "MEDIA TYPE", "SIZE", "UNCOMPRESSED");
        long size = 0;
        long uncompressed = 0;
        for (Row r : rows) {
            Layer l = r.layer();
            out.printf(
                    "%-5d  %-71s  %-71s  %-44s  %12d  %12d%n",
                    l.index(), l.digest(), l.diffId(), l.mediaType(), l.size(), r.uncompressedSize());
            size += l.size();
            uncompressed += r.uncompressedSize();
        }
        out.printf(
                "TOTAL     %d layers, %d bytes (%s) compressed, %d bytes (%s) uncompressed, all digests verified%n",
                rows.size(), size, Sizes.si(size), uncompressed, Sizes.si(uncompressed));
        if (store != null) {
            out.printf(
                    "IMPORTED  %s into %s%s%n",
                    imported.digest(),
                    store.root(),
                    img.ref().isEmpty() && source.ref == null
                            ? ""
                            : " as " + (source.ref != null ? source.ref : img.ref()));
        }
    }

    private ObjectNode json(ImageArchive archive, Image img, List<Row> rows, BlobStore store, Descriptor imported) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("source", archive.source().toString());
        root.put("format", archive.format().label());
        root.put("ref", img.ref());
        img.manifest().ifPresent(m -> root.set("manifest", Json.MAPPER.valueToTree(m)));
        root.set("config", Json.MAPPER.valueToTree(img.config()));
        ArrayNode layers = root.putArray("layers");
        long size = 0;
        long uncompressed = 0;
        for (Row r : rows) {
            Layer l = r.layer();
            ObjectNode n = layers.addObject();
            n.put("index", l.index());
            n.put("digest", l.digest().toString());
            n.put("diffId", l.diffId().toString());
            n.put("mediaType", l.mediaType());
            n.put("size", l.size());
            n.put("uncompressedSize", r.uncompressedSize());
            size += l.size();
            uncompressed += r.uncompressedSize();
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("layers", rows.size());
        totals.put("size", size);
        totals.put("uncompressedSize", uncompressed);
        if (store != null) {
            ObjectNode n = root.putObject("imported");
            n.put("store", store.root().toString());
            n.put("manifest", imported.digest().toString());
        }
        return root;
    }
}
