package dev.layerbench.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerbench.dataset.BuildOptions;
import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.fs.DiskUsage;
import dev.layerbench.fs.LoopFilesystem;
import dev.layerbench.fs.Programs;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.layout.Instance;
import dev.layerbench.layout.Layout;
import dev.layerbench.layout.LayoutKind;
import dev.layerbench.layout.LayoutOptions;
import dev.layerbench.layout.LayoutRun;
import dev.layerbench.layout.WriteWorkload;
import dev.layerbench.sizing.Filesystem;
import dev.layerbench.sizing.FleetImage;
import dev.layerbench.sizing.FleetSizer;
import dev.layerbench.sizing.LayerSummary;
import dev.layerbench.sizing.SizingReport;
import dev.layerbench.sizing.SummaryCache;
import dev.layerbench.sizing.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dataset's images as a fleet on a loop filesystem made for the test (root only), for checking the sizing model
 * against a real disk: the fleet's layer summaries (what {@link FleetSizer} predicts from), and {@link #materialize}
 * of a layout with the containers made, the workload written and the disk measured (each inode once, as du counts).
 * Containers go to the images in turn; each image needs one, or the test is skipped.
 *
 * <pre>{@code
 * try (LoopFleet f = LoopFleet.open(LoopFilesystem.Type.EXT4, dir, "synthetic-small", 4, Workload.NONE)) {
 *     SizingReport predicted = f.predict(f.workload());
 *     DiskUsage measured = f.materialize(LayoutKind.SHARED, LayoutOptions.defaults(), (layout, made) -> {});
 * }
 * }</pre>
 */
public final class LoopFleet implements AutoCloseable {

    /** Looks at a materialized layout before it is closed (its containers still there). */
    @FunctionalInterface
    public interface Inspect {
        void accept(Layout layout, List<Instance> made) throws IOException;
    }

    private final LoopFilesystem loop;
    private final ImageArchive archive;
    private final List<Image> images;
    private final List<FleetImage> fleet;
    private final int containers;
    private final Workload workload;
    private final Path work;

    private LoopFleet(
            LoopFilesystem loop,
            ImageArchive archive,
            List<Image> images,
            List<FleetImage> fleet,
            int containers,
            Workload workload,
            Path work) {
        this.loop = loop;
        this.archive = archive;
        this.images = images;
        this.fleet = fleet;
        this.containers = containers;
        this.workload = workload;
        this.work = work;
    }

    /**
     * Builds (or reuses) the dataset, makes a 4 GiB loop filesystem of {@code type} under {@code dir} and summarizes
     * the images' layers; skips the test without root or the filesystem's mkfs, or with fewer containers than images.
     */
    public static LoopFleet open(LoopFilesystem.Type type, Path dir, String dataset, int containers, Workload workload)
            throws IOException {
        assumeTrue(
                type.available(),
                "needs root and " + type.program() + " (apt-get install e2fsprogs xfsprogs btrfs-progs)");
        BuiltDataset built = Datasets.build(dataset, Datasets.cacheDir().resolve(dataset), BuildOptions.quiet());
        LoopFilesystem loop = LoopFilesystem.create(type, dir, 4L << 30);
        ImageArchive archive = null;
        try {
            archive = ImageArchive.open(built.root());
            List<Image> images = new ArrayList<>();
            for (String tag : built.tags()) {
                images.add(archive.image(tag));
            }
            SummaryCache cache = SummaryCache.at(dir.resolve("store"));
            List<FleetImage> fleet = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                List<LayerSummary> layers = new ArrayList<>();
                for (Layer l : images.get(i).layers()) {
                    layers.add(cache.get(archive, l));
                }
                // materialize gives the containers to the images in turn
                int n = containers / images.size() + (i < containers % images.size() ? 1 : 0);
                fleet.add(new FleetImage(built.tags().get(i), Math.max(1, n), layers));
            }
            assumeTrue(
                    fleet.stream().mapToInt(FleetImage::containers).sum() == containers,
                    "each image needs a container: give at least as many containers as images");
            Path work = Files.createDirectory(loop.root().resolve("work"));
            return new LoopFleet(loop, archive, images, List.copyOf(fleet), containers, workload, work);
        } catch (IOException | RuntimeException | Error e) {
            if (archive != null) {
                archive.close();
            }
            loop.close();
            throw e;
        }
    }

    public LoopFilesystem.Type type() {
        return loop.type();
    }

    /** The sizing model's name for the loop filesystem. */
    public Filesystem filesystem() {
        return Filesystem.valueOf(loop.type().name());
    }

    public List<FleetImage> fleet() {
        return fleet;
    }

    public Workload workload() {
        return workload;
    }

    /** The model's answer for this fleet on this filesystem with {@code w} written in every container. */
    public SizingReport predict(Workload w) {
        return new FleetSizer(filesystem(), w).size(fleet);
    }

    /**
     * Opens {@code kind} over the images under the loop filesystem, creates the containers (images in turn), writes
     * the workload in each (the same paths for the containers of one image), lets the filesystem settle, hands layout
     * and containers to {@code inspect}, and returns the disk usage of base and containers.
     */
    public DiskUsage materialize(LayoutKind kind, LayoutOptions options, Inspect inspect) throws IOException {
        Optional<WriteWorkload> w = workload.equals(Workload.NONE)
                ? Optional.empty()
                : Optional.of(new WriteWorkload(
                        workload.modifyFiles(), (int) workload.modifyBytes(), workload.addFiles(), (int)
                                workload.addBytes()));
        try (Layout layout = kind.open(archive, images, work, options)) {
            List<Instance> made = new ArrayList<>();
            for (int i = 0; i < containers; i++) {
                made.add(layout.create("c" + i, images.get(i % images.size())));
            }
            if (w.isPresent()) {
                Map<Image, List<String>> chosen = new HashMap<>();
                for (int i = 0; i < made.size(); i++) {
                    Instance instance = made.get(i);
                    Image image = images.get(i % images.size());
                    List<String> paths = chosen.get(image);
                    if (paths == null) {
                        paths = w.get().choose(instance);
                        chosen.put(image, paths);
                    }
                    w.get().apply(instance, paths);
                }
            }
            settle();
            DiskUsage measured = LayoutRun.usage(layout, made);
            inspect.accept(layout, made);
            return measured;
        }
    }

    /**
     * Lets the filesystem drop what it reserves only for a while: XFS holds speculative preallocation and copy-on-write
     * reservations (cowextsize) in {@code st_blocks} until its background scan frees them; {@code xfs_spaceman -c
     * "prealloc -m 0"} frees them now, so the measure is what stays allocated.
     */
    private void settle() throws IOException {
        List<String> command = loop.type() == LoopFilesystem.Type.XFS
                ? List.of("xfs_spaceman", "-c", "prealloc -s -m 0", loop.root().toString())
                : List.of("sync", "-f", loop.root().toString());
        Programs.run(command);
    }

    @Override
    public void close() throws IOException {
        try {
            archive.close();
        } finally {
            loop.close();
        }
    }
}
