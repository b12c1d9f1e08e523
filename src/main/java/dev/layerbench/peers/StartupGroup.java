package dev.layerbench.peers;

import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.dataset.ImageRecord;
import dev.layerbench.dataset.ImageWriter;
import dev.layerbench.dataset.LayerRecord;
import dev.layerbench.fs.Trees;
import dev.layerbench.store.BlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Start-up, whole process: each tool's smallest real job against the peer that does the nearest thing, and the
 * real-layer and real-image unpacks, each run both as {@code java -jar benchmarks.jar} (the documented entry) and
 * through {@code bin/layerbench} (the same jar with a per-tool JDK 25 AOT cache, made by the warm-up run on first
 * use). Small inputs: a one-file layer, a 4 KiB file, and a two-layer image cut from {@code synthetic-small} (about
 * 60 kB); large ones: the run's dataset's largest layer as .tar.gz and .tar.zst, and its image with the most layers
 * that umoci can read (no zstd).
 */
final class StartupGroup implements Comparisons {

    static final String GROUP = "startup";

    private final AtomicInteger targets = new AtomicInteger();

    /** One of the project's two ways to start: its name in the table and its command prefix (absent: the note says why). */
    private record Entry(String name, List<String> prefix, String missing) {}

    @Override
    public List<PeerComparison> run(Session s) throws IOException {
        Path dir = s.work.resolve("startup");
        List<PeerComparison> rows = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            List<Entry> entries = entries(s);
            // the small inputs
            Path oneFile = dir.resolve("one-file.tar");
            Files.writeString(dir.resolve("one-file.txt"), "hello\n");
            Processes.run(dir, List.of("tar", "-cf", oneFile.toString(), "one-file.txt"));
            Path small = dir.resolve("small.bin");
            Files.write(small, new byte[4096]);
            Path image = dir.resolve("two-layers");
            TwoLayers two = twoLayerImage(image, dir);
            String path = two.path().replaceFirst("^\\./", "");
            Path store = dir.resolve("store");
            for (Entry e : entries) {
                String how = " (" + e.name() + ")";
                rows.add(row(
                        s,
                        e,
                        "help",
                        "help: the tool list",
                        List.of("help"),
                        "tar --help",
                        List.of("tar", "--help"),
                        "",
                        List.of("tar")));
                rows.add(row(
                        s,
                        e,
                        "digest",
                        "sha256 of a 4 KiB file",
                        List.of("digest", small.toString()),
                        "sha256sum FILE",
                        List.of("sha256sum", small.toString()),
                        "",
                        List.of("sha256sum")));
                rows.add(s.compare(
                        GROUP,
                        "unpack --layer of a one-file layer",
                        side(s, e, "unpack", "--layer", "LAYER", "--into", "DIR"),
                        into(dir, t -> run(e, "unpack", "--layer", oneFile.toString(), "--into", t.toString()), true),
                        new Side("tar -xf", Side.Kind.PROCESS, "tar -xf LAYER -C DIR", null),
                        into(
                                dir,
                                t -> Processes.run(null, List.of("tar", "-xf", oneFile.toString(), "-C", t.toString())),
                                true),
                        e.missing(),
                        List.of("tar")));
                rows.add(row(
                        s,
                        e,
                        "inspect",
                        "inspect of a two-layer image (60 kB)",
                        List.of("inspect", "--image", image.toString(), "--ref", "two"),
                        "skopeo inspect oci:LAYOUT:two",
                        List.of("skopeo", "inspect", "oci:" + image + ":two"),
                        Session.join(
                                e.missing(),
                                "layerbench reads every layer and checks both digests; skopeo reads the manifest and config"),
                        List.of("skopeo")));
                rows.add(row(
                        s,
                        e,
                        "view",
                        "view of one path of the two-layer image (layers unpacked in the store)",
                        List.of(
                                "view",
                                "--image",
                                image.toString(),
                                "--ref",
                                "two",
                                "--store",
                                store.toString(),
                                "/" + path),
                        "tar -tzf LAYER PATH",
                        List.of("tar", "-tzf", two.topLayer().toString(), two.path()),
                        Session.join(
                                e.missing(), "tar lists one layer; view resolves the path through the merged layers"),
                        List.of("tar")));
                rows.add(row(
                        s,
                        e,
                        "size",
                        "size of the two-layer image, summaries cached",
                        List.of("size", "--image", image.toString(), "--store", store.toString()),
                        "skopeo inspect oci:LAYOUT:two",
                        List.of("skopeo", "inspect", "oci:" + image + ":two"),
                        Session.join(e.missing(), "skopeo reads the same manifest and config"),
                        List.of("skopeo")));
                rows.add(umoci(s, e, dir, image, "two", "unpack --image of the two-layer image"));
                s.say(GROUP + ": done the small jobs" + how);
            }
            BuiltDataset data = s.dataset();
            LayerFiles files = s.layerFiles(dir.resolve("real"));
            // umoci reads tar and tar+gzip layers only: the deepest image without zstd ones
            ImageRecord deepest = data.recorded().images().stream()
                    .filter(i ->
                            i.layers().stream().noneMatch(l -> l.mediaType().contains("zstd")))
                    .max(Comparator.comparingInt(i -> i.layers().size()))
                    .orElse(data.recorded().images().getFirst());
            for (Entry e : entries) {
                for (Path layer : List.of(files.gzip(), files.zstd())) {
                    boolean gz = layer.equals(files.gzip());
                    List<String> flags = gz ? List.of("-xzf") : List.of("-I", "zstd", "-xf");
                    rows.add(s.compare(
                            GROUP,
                            files.describe() + " as " + layer.getFileName(),
                            side(s, e, "unpack", "--layer", "LAYER", "--into", "DIR"),
                            into(dir, t -> run(e, "unpack", "--layer", layer.toString(), "--into", t.toString()), true),
                            new Side(
                                    "tar " + String.join(" ", flags),
                                    Side.Kind.PROCESS,
                                    "tar " + String.join(" ", flags) + " LAYER -C DIR",
                                    null),
                            into(
                                    dir,
                                    t -> {
                                        List<String> cmd = new ArrayList<>(List.of("tar"));
                                        cmd.addAll(flags);
                                        cmd.addAll(List.of(layer.toString(), "-C", t.toString()));
                                        Processes.run(null, cmd);
                                    },
                                    true),
                            e.missing(),
                            gz ? List.of("tar") : List.of("tar", "zstd")));
                }
                rows.add(umoci(
                        s,
                        e,
                        dir,
                        data.root(),
                        deepest.name(),
                        "unpack --image of image " + deepest.name() + " of " + data.name() + " ("
                                + deepest.layers().size() + " layers)"));
            }
        } finally {
            Trees.delete(dir);
        }
        return rows;
    }

    /** {@code java -jar}, and {@code bin/layerbench} beside the jar's target directory when it is there. */
    private static List<Entry> entries(Session s) {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("java -jar", s.project.prefix(), ""));
        int jar = s.project.prefix().indexOf("-jar");
        Path launcher = jar < 0
                ? null
                : Path.of(s.project.prefix().get(jar + 1))
                        .toAbsolutePath()
                        .getParent()
                        .resolveSibling("bin")
                        .resolve("layerbench");
        entries.add(
                launcher != null && Files.isExecutable(launcher)
                        ? new Entry("bin/layerbench", List.of(launcher.toString()), "")
                        : new Entry(
                                "bin/layerbench",
                                List.of(),
                                "no bin/layerbench beside the jar's directory (runs from classes?)"));
        return entries;
    }

    private static Side side(Session s, Entry e, String... args) {
        String shown = e.name().equals("java -jar") ? s.project.show(args) : "bin/layerbench " + String.join(" ", args);
        return new Side("layerbench " + args[0] + " (" + e.name() + ")", Side.Kind.PROCESS, shown, null);
    }

    private static void run(Entry e, String... args) throws IOException {
        if (e.prefix().isEmpty()) {
            throw new PeersException(e.missing());
        }
        List<String> cmd = new ArrayList<>(e.prefix());
        cmd.addAll(List.of(args));
        Processes.run(null, cmd);
    }

    /** A job that writes nothing: the project's tool against a peer command. */
    private static PeerComparison row(
            Session s,
            Entry e,
            String tool,
            String what,
            List<String> args,
            String peerShown,
            List<String> peer,
            String note,
            List<String> needs) {
        List<String> shown = new ArrayList<>(args);
        Side project = side(s, e, shown.toArray(String[]::new));
        if (!e.missing().isEmpty()) {
            return Session.skipped(
                    GROUP, what, project, new Side(peerShown, Side.Kind.PROCESS, peerShown, null), e.missing());
        }
        return s.compare(
                GROUP,
                what,
                project,
                Trial.timed(() -> run(e, args.toArray(String[]::new))),
                new Side(peerShown.split(" FILE| oci:| LAYER")[0], Side.Kind.PROCESS, peerShown, null),
                Trial.timed(() -> Processes.run(null, peer)),
                note,
                needs);
    }

    /** {@code unpack --image} against {@code umoci raw unpack} on the same image. */
    private PeerComparison umoci(Session s, Entry e, Path dir, Path layout, String ref, String what) {
        List<String> umoci = new ArrayList<>(List.of("umoci", "raw", "unpack"));
        if (!s.root) {
            umoci.add("--rootless");
        }
        return s.compare(
                GROUP,
                what,
                side(s, e, "unpack", "--image", "LAYOUT", "--ref", ref, "--into", "DIR"),
                into(
                        dir,
                        t -> run(e, "unpack", "--image", layout.toString(), "--ref", ref, "--into", t.toString()),
                        true),
                new Side(
                        "umoci raw unpack",
                        Side.Kind.PROCESS,
                        String.join(" ", umoci) + " --image LAYOUT:" + ref + " DIR",
                        null),
                into(
                        dir,
                        t -> {
                            List<String> cmd = new ArrayList<>(umoci);
                            cmd.addAll(List.of("--image", layout + ":" + ref, t.toString()));
                            Processes.run(null, cmd);
                        },
                        false),
                Session.join(e.missing(), "both verify digests and apply whiteouts"),
                List.of("umoci"));
    }

    /** The small image's top layer blob and a regular file's name in it, as tar lists it. */
    private record TwoLayers(String path, Path topLayer) {}

    /** A step given a fresh directory path. */
    @FunctionalInterface
    private interface Into {
        void run(Path target) throws Exception;
    }

    /** A trial into a fresh target under {@code dir} (made first when {@code create}), removed after; both untimed. */
    private Trial into(Path dir, Into step, boolean create) {
        return () -> {
            Path t = dir.resolve("out-" + targets.incrementAndGet());
            if (create) {
                Files.createDirectories(t);
            }
            try {
                long start = System.nanoTime();
                step.run(t);
                return System.nanoTime() - start;
            } finally {
                Trees.delete(t);
            }
        };
    }

    /**
     * A two-layer image tagged {@code two} in {@code layout}: the first two layers of synthetic-small's first image,
     * with a config and manifest of its own.
     */
    private static TwoLayers twoLayerImage(Path layout, Path dir) throws IOException {
        BuiltDataset small = Datasets.prepare(Datasets.SMALL);
        List<LayerRecord> layers = small.recorded().images().getFirst().layers().subList(0, 2);
        BlobStore store = BlobStore.open(layout);
        for (LayerRecord l : layers) {
            try (var in = Files.newInputStream(small.store().blobPath(l.digest()))) {
                store.put(in, l.digest(), l.size());
            }
        }
        new ImageWriter(store, dir).putImage("two", layers, List.of("layer 0", "layer 1"));
        Path top = store.blobPath(layers.get(1).digest());
        String listing = Processes.output(null, List.of("tar", "-tzf", top.toString()));
        String path = listing.lines()
                .filter(l -> !l.endsWith("/") && !l.contains(".wh."))
                .findFirst()
                .orElseThrow(() -> new PeersException(layout + ": the top layer has no regular file"));
        return new TwoLayers(path, top);
    }
}
