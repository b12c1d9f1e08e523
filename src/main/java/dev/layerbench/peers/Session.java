package dev.layerbench.peers;

import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.fs.Posix;
import dev.layerbench.image.ImageArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the groups share in one run: the options, a work directory on the measured disk, the project's command line,
 * the peer tools, and the rows made so far. A comparison whose side fails becomes a row saying so; the run goes on.
 */
final class Session {

    final PeersOptions options;
    final Path work;
    final ProjectCommand project;
    final PeerTools tools;
    final boolean root;
    private final Consumer<String> progress;
    private BuiltDataset dataset;

    Session(
            PeersOptions options,
            Path work,
            ProjectCommand project,
            PeerTools tools,
            boolean root,
            Consumer<String> progress) {
        this.options = options;
        this.work = work;
        this.project = project;
        this.tools = tools;
        this.root = root;
        this.progress = progress;
    }

    static Session system(PeersOptions options, Path work, Consumer<String> progress) {
        return new Session(options, work, ProjectCommand.current(), PeerTools.system(), Posix.isRoot(), progress);
    }

    /** The run's dataset, built into the cache on first use and verified. */
    BuiltDataset dataset() throws IOException {
        if (dataset == null) {
            progress.accept("dataset " + options.dataset());
            dataset = Datasets.prepare(options.dataset());
        }
        return dataset;
    }

    /** An image the groups unpack or make containers of: its OCI layout, its ref there, and a name for the rows. */
    record ImageInput(Path layout, String ref, String name) {}

    /** {@code --image} and {@code --ref}, else the dataset's image {@code --ref} names (default: its first). */
    ImageInput image() throws IOException {
        PeersOptions.Inputs in = options.inputs();
        if (in.image().isPresent()) {
            Path layout = in.image().get();
            String ref = in.ref().isPresent() ? in.ref().get() : firstRef(layout);
            return new ImageInput(layout, ref, layout.getFileName().toString());
        }
        BuiltDataset data = dataset();
        String ref = in.ref().orElse(data.tags().getFirst());
        if (!data.tags().contains(ref)) {
            throw new PeersException("--ref " + ref + ": dataset " + data.name() + " has no such image (images: "
                    + String.join(", ", data.tags()) + ")");
        }
        return new ImageInput(data.root(), ref, data.name());
    }

    private static String firstRef(Path layout) throws IOException {
        try (ImageArchive archive = ImageArchive.open(layout)) {
            List<String> refs = archive.refs();
            if (refs.isEmpty()) {
                throw new PeersException(layout + ": the image layout names no image: give --ref");
            }
            return refs.getFirst();
        }
    }

    /** The layer of {@code --layer}, else the dataset's largest of its first image, as tar, tar.gz, tar.zst in dir. */
    LayerFiles layerFiles(Path dir) throws IOException {
        Optional<Path> layer = options.inputs().layer();
        return layer.isPresent() ? LayerFiles.of(layer.get(), dir) : LayerFiles.make(dataset(), dir);
    }

    void say(String line) {
        progress.accept(line);
    }

    /** Alternates the two sides; a failure of either becomes the row's note. */
    PeerComparison compare(String group, String what, Side project, Trial a, Side peer, Trial b, String note) {
        say(group + ": " + what + ": " + project.name() + " vs " + peer.name());
        try {
            Alternation.Result r = options.alternation().run(a, b);
            return new PeerComparison(group, what, project.withStats(r.a()), peer.withStats(r.b()), note);
        } catch (Exception e) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            return new PeerComparison(group, what, project, peer, join(note, "failed: " + why.replace('\n', ' ')));
        }
    }

    /** As {@link #compare}, unless a peer tool is missing, in which case the row says so and nothing runs. */
    PeerComparison compare(
            String group, String what, Side project, Trial a, Side peer, Trial b, String note, List<String> peerTools) {
        List<String> missing = new ArrayList<>();
        for (String t : peerTools) {
            tools.missing(t).ifPresent(missing::add);
        }
        if (!missing.isEmpty()) {
            return new PeerComparison(group, what, project, peer, join(note, String.join("; ", missing)));
        }
        return compare(group, what, project, a, peer, b, note);
    }

    /** A row that cannot run here (not root, pending work), with the reason. */
    static PeerComparison skipped(String group, String what, Side project, Side peer, String why) {
        return new PeerComparison(group, what, project, peer, why);
    }

    /** Why a root-only row cannot run, or empty when it can. */
    Optional<String> needsRoot(String what) {
        return root ? Optional.empty() : Optional.of("needs root (" + what + "): run as root");
    }

    static String join(String a, String b) {
        return a == null || a.isEmpty() ? b : a + "; " + b;
    }
}
