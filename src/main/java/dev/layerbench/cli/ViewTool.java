package dev.layerbench.cli;

import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.ImageImporter;
import dev.layerbench.image.Layer;
import dev.layerbench.sizing.ImageTree;
import dev.layerbench.sizing.LayerSummary;
import dev.layerbench.sizing.SummaryCache;
import dev.layerbench.store.BlobStore;
import dev.layerbench.store.Lease;
import dev.layerbench.union.LayerStack;
import dev.layerbench.union.Lookup;
import dev.layerbench.union.Node;
import dev.layerbench.union.UnionView;
import dev.layerbench.unpack.LayerDirectories;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code view --image PATH [--ref NAME] [--store DIR] [--layers] [PATH-IN-IMAGE]}: the merged tree of an image through
 * the union view (path, type, mode, size, the layer it comes from), or with {@code --layers} what each layer adds,
 * changes and hides, and the wasted bytes as dive and {@code size} count them (every copy of a path that two or more
 * layers hold; {@code sizing.ImageTree} computes them from the layer summaries cached in the store). The image's layers
 * are imported into a store and unpacked there once per diff_id.
 */
@Command(name = "view", mixinStandardHelpOptions = true, description = ViewTool.DESCRIPTION)
final class ViewTool implements Callable<Integer> {

    /** Its line in {@code help} (a constant: the list is printed without loading the tool). */
    static final String DESCRIPTION =
            "Show an image's merged tree through the union view, or with --layers what each layer adds, changes and hides.";

    @Mixin
    ImageSource source = new ImageSource();

    @Option(
            names = "--store",
            paramLabel = "DIR",
            description =
                    "Store the layers are imported into and unpacked in (default: the user's cache dir, layerbench/store).")
    Path store;

    @Option(
            names = "--layers",
            description = "Per layer: entries added, changed and hidden, and wasted bytes as dive and size count them.")
    boolean layers;

    @Parameters(
            arity = "0..1",
            paramLabel = "PATH-IN-IMAGE",
            description = "A directory or file inside the image (default: /).")
    String inside = "";

    @Spec
    CommandSpec spec;

    /** Where the output goes when run without picocli ({@link #quick}); null: the command line's. */
    PrintWriter out;

    /** The tool for a plain command line read without picocli (the same options as above), else {@link QuickLine.Fallback}. */
    static ViewTool quick(List<String> args, PrintWriter out) {
        QuickLine line = QuickLine.read(args, Set.of("--image", "--ref", "--store"), Set.of(), Set.of("--layers"), 1);
        QuickLine.require(line.has("--image"));
        ViewTool t = new ViewTool();
        t.source = ImageSource.of(line);
        t.store = line.path("--store");
        t.layers = line.flag("--layers");
        if (!line.positionals().isEmpty()) {
            t.inside = line.positionals().get(0);
        }
        t.out = out;
        return t;
    }

    /** One path of a merged tree: type, size, layer. */
    private record Entry(String type, int mode, long size, int layer) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter out = this.out != null ? this.out : spec.commandLine().getOut();
        Path storeDir = store != null ? store : defaultStore();
        BlobStore blobs = BlobStore.open(storeDir);
        try (Lease lease = blobs.lease()) { // held while the layer directories are read: a gc meanwhile keeps them
            List<Path> dirs;
            long[] wasted = null;
            try (ImageArchive archive = ImageArchive.open(source.image)) {
                Image img = archive.image(source.ref);
                ImageImporter.importImage(archive, img, blobs, null, lease);
                for (Layer l : img.layers()) {
                    lease.add(l.diffId());
                }
                dirs = LayerDirectories.of(blobs).ensureUnpacked(archive, img);
                if (layers) {
                    SummaryCache summaries = SummaryCache.at(storeDir);
                    List<LayerSummary> stack = new ArrayList<>();
                    for (Layer l : img.layers()) {
                        stack.add(summaries.get(archive, l));
                    }
                    wasted = ImageTree.of(stack).wastedBytesByLayer();
                }
            }
            print(out, dirs, wasted);
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, List<Path> dirs, long[] wasted) throws IOException {
        if (layers) {
            printLayers(out, dirs, wasted);
        } else {
            UnionView view = LayerStack.of(dirs).view(Lookup.INDEXED);
            String start = inside.replaceAll("^/+", "");
            Node top = view.lookup(start).orElseThrow(() -> new IOException(inside + ": not in the image"));
            out.printf("%-4s %-7s %12s %5s  %s%n", "TYPE", "MODE", "SIZE", "LAYER", "PATH");
            Map<String, Entry> tree = new TreeMap<>();
            if (top.isDirectory()) {
                walk(view, start, tree);
            } else {
                tree.put(start, entry(top));
            }
            tree.forEach((p, e) -> out.printf(
                    "%-4s %-7s %12d %5d  /%s%n", e.type(), Integer.toOctalString(e.mode()), e.size(), e.layer(), p));
            out.printf("%d entries, %d layers%n", tree.size(), dirs.size());
        }
    }

    static Path defaultStore() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("layerbench").resolve("store");
    }

    private static Entry entry(Node n) {
        String type = switch (n.kind()) {
            case FILE -> "file";
            case DIRECTORY -> "dir";
            case SYMLINK -> "link";
            default -> "other";
        };
        return new Entry(type, n.mode(), n.size(), n.layer());
    }

    private static void walk(UnionView view, String dir, Map<String, Entry> tree) {
        for (String name : view.list(dir)) {
            String p = dir.isEmpty() ? name : dir + "/" + name;
            Node n = view.lookup(p).orElseThrow();
            tree.put(p, entry(n));
            if (n.isDirectory()) {
                walk(view, p, tree);
            }
        }
    }

    /** Compares the merged tree before and after each layer; {@code wasted} per layer as {@code size} counts it. */
    private static void printLayers(PrintWriter out, List<Path> dirs, long[] wasted) {
        out.printf(
                "%5s %8s %8s %8s %14s %14s  %s%n",
                "LAYER", "ADDED", "CHANGED", "HIDDEN", "BYTES", "WASTED", "DIRECTORY");
        List<Map<String, Entry>> trees = new java.util.ArrayList<>();
        for (int i = 1; i <= dirs.size(); i++) {
            Map<String, Entry> tree = new TreeMap<>();
            walk(LayerStack.of(dirs.subList(0, i)).view(Lookup.INDEXED), "", tree);
            trees.add(tree);
        }
        long totalWasted = 0;
        for (int i = 0; i < dirs.size(); i++) {
            Map<String, Entry> before = i == 0 ? Map.of() : trees.get(i - 1);
            Map<String, Entry> after = trees.get(i);
            int added = 0;
            int changed = 0;
            int hidden = 0;
            long bytes = 0;
            for (Map.Entry<String, Entry> e : after.entrySet()) {
                if (e.getValue().layer() != i) {
                    continue;
                }
                bytes += e.getValue().size();
                if (before.containsKey(e.getKey())) {
                    changed++;
                } else {
                    added++;
                }
            }
            for (String p : before.keySet()) {
                if (!after.containsKey(p)) {
                    hidden++;
                }
            }
            totalWasted += wasted[i];
            out.printf("%5d %8d %8d %8d %14d %14d  %s%n", i, added, changed, hidden, bytes, wasted[i], dirs.get(i));
        }
        out.printf("wasted bytes (dive: every copy of a path that two or more layers hold): %d%n", totalWasted);
    }
}
