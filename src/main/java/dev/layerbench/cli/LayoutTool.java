package dev.layerbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerbench.dataset.DatasetKind;
import dev.layerbench.dataset.DatasetManifest;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.dataset.TemporaryDataset;
import dev.layerbench.fs.AtomicFile;
import dev.layerbench.fs.LoopFilesystem;
import dev.layerbench.fs.Trees;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.json.Json;
import dev.layerbench.layout.CommandRun;
import dev.layerbench.layout.Layout;
import dev.layerbench.layout.LayoutException;
import dev.layerbench.layout.LayoutKind;
import dev.layerbench.layout.LayoutOptions;
import dev.layerbench.layout.LayoutRun;
import dev.layerbench.layout.ReadRun;
import dev.layerbench.layout.ReadSet;
import dev.layerbench.layout.WriteWorkload;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code layout [--image PATH | --dataset NAME] [--kind K,...] [--n 1,10,100] [--dir DIR] [--repeat R]}: creates N
 * containers per layout under DIR, measures time, bytes and inodes on disk, runs a write workload, removes them. With
 * {@code --repeat}, the layouts take turns (A B A B) and the table shows the median run by creation time, with the
 * range of creation times.
 */
@Command(name = "layout", mixinStandardHelpOptions = true, description = LayoutTool.DESCRIPTION)
final class LayoutTool implements Callable<Integer> {

    /** Its line in {@code help} (a constant: the list is printed without loading the tool). */
    static final String DESCRIPTION =
            "Create, measure and remove N containers per layout (shared, shared-kernel, flat, file-dedup, erofs, composefs-style, fuse-overlayfs).";

    @Option(
            names = "--image",
            paramLabel = "PATH",
            description = "OCI layout holding the images (every tag is used, in turn).")
    Path image;

    @Option(
            names = "--ref",
            split = ",",
            paramLabel = "NAME",
            description = "Only these images of the source (default: every tag).")
    List<String> refs;

    @Option(
            names = "--du",
            arity = "1..*",
            paramLabel = "PATH",
            description =
                    "Only print the disk usage of these trees (st_blocks*512 and inodes, each inode once, like du -s -c).")
    List<Path> du;

    @Option(
            names = "--dataset",
            paramLabel = "NAME",
            defaultValue = "synthetic-small",
            description =
                    "Without --image: a synthetic dataset built in a temp dir under --dir, or a real one from the cache (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(
            names = "--kind",
            split = ",",
            paramLabel = "KIND",
            description = "Layouts to run (default: every one this process can run).")
    List<String> kinds;

    @Option(
            names = "--n",
            split = ",",
            paramLabel = "N",
            defaultValue = "1,10,100",
            description = "Container counts (default: ${DEFAULT-VALUE}).")
    List<Integer> counts;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            defaultValue = ".",
            description = "Where layouts are made (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(
            names = "--repeat",
            paramLabel = "R",
            defaultValue = "1",
            description = "Runs per layout and N, layouts alternating (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(
            names = "--flat-source",
            paramLabel = "SOURCE",
            defaultValue = "COPY",
            description = "flat: COPY a template or UNPACK per container (default: ${DEFAULT-VALUE}).")
    LayoutOptions.FlatSource flatSource;

    @Option(
            names = "--sharing",
            paramLabel = "SHARING",
            defaultValue = "AUTO",
            description = "file-dedup: HARDLINK, REFLINK or AUTO (default: ${DEFAULT-VALUE}).")
    LayoutOptions.Sharing sharing;

    @Option(
            names = "--warmup",
            paramLabel = "W",
            defaultValue = "1",
            description = "Containers per image made and removed untimed before each run (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--no-workload", description = "Skip the write workload.")
    boolean noWorkload;

    @Option(
            names = "--read",
            paramLabel = "all|@FILE",
            description =
                    "After creating the N containers: drop the page cache and have each container read its working set "
                            + "(every regular file, or the paths listed in FILE) through its own view; adds the MEMORY table (root).")
    String read;

    @Option(
            names = "--run",
            paramLabel = "CMD",
            description =
                    "Run '/bin/sh -c CMD' chrooted in each container (its own mount namespace; caches dropped before the "
                            + "first); shared replays the files CMD opened in a traced kernel run (root).")
    String run;

    @Option(
            names = "--walk",
            description =
                    "After creating the N containers: an ls -lR-style walk (readdir, lstat of every entry) of the first "
                            + "container, cold (caches dropped) and warm; adds the WALK table (root).")
    boolean walk;

    @Option(
            names = "--fs",
            split = ",",
            paramLabel = "FS",
            defaultValue = "here",
            description =
                    "here (--dir as it is), or ext4, xfs (reflink=1), btrfs: a sparse loop filesystem under --dir per "
                            + "filesystem, removed after (root; default: ${DEFAULT-VALUE}).")
    List<String> filesystems;

    @Option(
            names = "--fs-size",
            paramLabel = "GiB",
            defaultValue = "4",
            description = "Size of each loop filesystem (sparse; default: ${DEFAULT-VALUE}).")
    int fsSize;

    @Option(
            names = "--memory-chart",
            paramLabel = "PNG",
            description = "With --read: also draw page cache against N per layout.")
    Path memoryChart;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every run as JSON.")
    Path json;

    @Option(names = "--chart", paramLabel = "PNG", description = "Also draw bytes on disk against N per layout.")
    Path chart;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (du != null) {
            dev.layerbench.fs.DiskUsage.Walker w =
                    new dev.layerbench.fs.DiskUsage.Walker(dev.layerbench.fs.DiskUsage.Devices.ONE);
            for (Path p : du) {
                w.add(p);
            }
            out.printf(
                    "%d bytes %d inodes %d links%n",
                    w.usage().bytes(), w.usage().inodes(), w.usage().links());
            out.flush();
            return 0;
        }
        if (repeat < 1 || counts.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--repeat and --n must be at least 1");
        }
        List<LayoutKind> chosen = new ArrayList<>();
        if (kinds == null) {
            for (LayoutKind k : LayoutKind.values()) {
                k.unavailable()
                        .ifPresentOrElse(why -> out.println("skipping " + k.label() + ": " + why), () -> chosen.add(k));
            }
        } else {
            for (String s : kinds) {
                chosen.add(LayoutKind.ofLabel(s));
            }
        }
        LayoutOptions options = LayoutOptions.defaults().with(flatSource).with(sharing);
        Optional<WriteWorkload> workload = noWorkload ? Optional.empty() : Optional.of(WriteWorkload.defaults());
        LayoutRun.Options runOptions = LayoutRun.Options.of(workload, warmup);
        if (read != null) {
            ReadSet set = ReadSet.parse(read);
            Optional<String> why = ReadRun.unavailable();
            if (why.isPresent()) {
                out.println("memory columns absent: " + why.get());
            } else {
                runOptions = runOptions.withRead(Optional.of(set));
            }
        }
        if (run != null) {
            if (run.isBlank()) {
                throw new IllegalArgumentException("--run needs a command");
            }
            Optional<String> why = CommandRun.unavailable();
            if (why.isPresent()) {
                out.println("run columns absent: " + why.get());
            } else {
                runOptions = runOptions.withCommand(Optional.of(run));
            }
        }
        if (walk) {
            Optional<String> why = dev.layerbench.layout.MetadataWalk.unavailable();
            if (why.isPresent()) {
                out.println("walk columns absent: " + why.get());
            } else {
                runOptions = runOptions.withWalk(true);
            }
        }
        List<Optional<LoopFilesystem.Type>> fsTypes = new ArrayList<>();
        for (String f : filesystems) {
            if (f.equals("here")) {
                fsTypes.add(Optional.empty());
            } else {
                LoopFilesystem.Type t;
                try {
                    t = LoopFilesystem.Type.valueOf(f.toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--fs " + f + ": expected here, ext4, xfs or btrfs");
                }
                if (!t.available()) {
                    throw new IllegalArgumentException("--fs " + f + ": needs root and " + t.program());
                }
                fsTypes.add(Optional.of(t));
            }
        }
        out.flush();
        if (!Files.isDirectory(dir)) {
            throw new LayoutException(
                    dir.toAbsolutePath() + ": not a directory; give an existing directory to hold the layouts");
        }
        // everything this run makes (dataset, loop filesystems, layouts) lives in one directory of its own, so that a
        // kill leaves nothing mounted and nothing half-made (Cleanup)
        Path scratch = Files.createTempDirectory(dir.toAbsolutePath(), ".layerbench-layout-");
        Cleanup.watch(scratch);
        TemporaryDataset temporary = null;
        try {
            Path root = image;
            if (root == null) {
                DatasetManifest m = Datasets.catalog().get(dataset);
                if (m.kind() == DatasetKind.synthetic) {
                    temporary = TemporaryDataset.create(m, scratch);
                    root = temporary.root();
                } else {
                    root = Datasets.prepare(dataset).root();
                }
            }
            Map<String, List<LayoutRun.Result>> runs = new LinkedHashMap<>();
            Map<LayoutRun.Result, String> fsOf = new java.util.IdentityHashMap<>();
            try (ImageArchive archive = ImageArchive.open(root)) {
                List<Image> images = new ArrayList<>();
                for (String ref : refs != null ? refs : archive.refs()) {
                    images.add(archive.image(ref));
                }
                for (Optional<LoopFilesystem.Type> fsType : fsTypes) {
                    String fsName = fsType.isPresent()
                            ? fsType.get().name().toLowerCase(java.util.Locale.ROOT)
                            : Files.getFileStore(scratch).type();
                    try (LoopFilesystem loop = fsType.isPresent()
                            ? LoopFilesystem.create(fsType.get(), scratch, (long) fsSize << 30)
                            : null) {
                        Path where = loop != null ? loop.root() : scratch;
                        for (int n : counts) {
                            for (int r = 0; r < repeat; r++) {
                                for (LayoutKind k : chosen) {
                                    try (Layout layout = k.open(archive, images, where, options)) {
                                        LayoutRun.Result res = LayoutRun.run(layout, n, runOptions);
                                        fsOf.put(res, fsName);
                                        runs.computeIfAbsent(
                                                        fsName + " " + res.label() + " " + n, x -> new ArrayList<>())
                                                .add(res);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            boolean manyFs = fsTypes.size() > 1 || fsTypes.getFirst().isPresent();
            List<LayoutRun.Result> medians = new ArrayList<>();
            out.printf(
                    "%-15s %5s %12s %17s %11s %14s %10s %12s %13s %12s%n",
                    "LAYOUT",
                    "N",
                    "CREATE ms/c",
                    "(range)",
                    "REMOVE ms/c",
                    "BYTES/c",
                    "INODES/c",
                    "BASE bytes",
                    "COPY-UP B/c",
                    "WRITE ms/c");
            for (Map.Entry<String, List<LayoutRun.Result>> e : runs.entrySet()) {
                List<LayoutRun.Result> rs = new ArrayList<>(e.getValue());
                rs.sort(Comparator.comparingLong(LayoutRun.Result::createNanos));
                LayoutRun.Result m = rs.get(rs.size() / 2);
                medians.add(m);
                out.printf(
                        "%-15s %5d %12.3f %17s %11.3f %14.0f %10.1f %12d %13s %12s%n",
                        manyFs ? m.label() + "@" + fsOf.get(m) : m.label(),
                        m.n(),
                        m.createMillisPerContainer(),
                        String.format(
                                "%.3f-%.3f",
                                rs.getFirst().createMillisPerContainer(),
                                rs.getLast().createMillisPerContainer()),
                        m.removeMillisPerContainer(),
                        m.bytesPerContainer(),
                        m.inodesPerContainer(),
                        m.base().bytes(),
                        m.writes()
                                .map(w -> String.format("%.0f", (double) w.copiedUpBytes() / m.n()))
                                .orElse("-"),
                        m.writes()
                                .map(w -> String.format("%.3f", w.nanos() / 1e6 / m.n()))
                                .orElse("-"));
            }
            ratios(out, medians, fsOf);
            MemoryTable.print(out, medians, r -> manyFs ? fsOf.get(r) : null);
            MemoryTable.printWalks(out, medians, r -> manyFs ? fsOf.get(r) : null);
            if (json != null) {
                writeJson(runs, fsOf);
            }
            if (memoryChart != null && medians.stream().anyMatch(m -> m.reads().isPresent())) {
                MemoryChart.write(
                        medians,
                        r -> manyFs ? r.label() + " (" + fsOf.get(r) + ")" : r.label(),
                        "Page cache after N containers read (" + (image != null ? image.getFileName() : dataset) + ")",
                        memoryChart);
            }
            if (chart != null) {
                LayoutChart.write(
                        medians,
                        "Bytes on disk against N (" + (image != null ? image.getFileName() : dataset) + ")",
                        chart);
            }
        } finally {
            try {
                if (temporary != null) {
                    temporary.close();
                }
            } finally {
                Cleanup.detach(scratch); // only after a failure is anything still mounted
                Trees.delete(scratch);
                Cleanup.unwatch(scratch);
            }
        }
        out.flush();
        return 0;
    }

    private static void ratios(PrintWriter out, List<LayoutRun.Result> medians, Map<LayoutRun.Result, String> fsOf) {
        for (LayoutRun.Result flat : medians) {
            if (flat.kind() != LayoutKind.FLAT) {
                continue;
            }
            String fs = fsOf.get(flat);
            StringBuilder line = new StringBuilder(fs + " N=" + flat.n() + ": bytes per container");
            for (LayoutRun.Result other : medians) {
                if (other.n() == flat.n()
                        && fs.equals(fsOf.get(other))
                        && (other.kind() == LayoutKind.SHARED || other.kind() == LayoutKind.FILE_DEDUP)) {
                    line.append(
                            other.bytesPerContainer() == 0
                                    ? String.format(
                                            "  flat/%s - (%s: 0 bytes per container)", other.label(), other.label())
                                    : String.format(
                                            "  flat/%s %.1fx",
                                            other.label(), flat.bytesPerContainer() / other.bytesPerContainer()));
                }
            }
            out.println(line);
        }
    }

    private void writeJson(Map<String, List<LayoutRun.Result>> runs, Map<LayoutRun.Result, String> fsOf)
            throws java.io.IOException {
        ArrayNode all = Json.MAPPER.createArrayNode();
        for (List<LayoutRun.Result> rs : runs.values()) {
            for (LayoutRun.Result r : rs) {
                ObjectNode o = all.addObject();
                o.put("layout", r.label());
                o.put("kind", r.kind().label());
                o.put("fs", fsOf.get(r));
                o.put("n", r.n());
                o.put("createNanos", r.createNanos());
                o.put("removeNanos", r.removeNanos());
                o.put("baseBytes", r.base().bytes());
                o.put("baseInodes", r.base().inodes());
                o.put("containerBytes", r.containers().bytes());
                o.put("containerInodes", r.containers().inodes());
                r.writes().ifPresent(w -> {
                    o.put("copiedUpBytes", w.copiedUpBytes());
                    o.put("writeNanos", w.nanos());
                });
                r.afterWrites().ifPresent(a -> {
                    o.put("afterWritesBytes", a.bytes());
                    o.put("afterWritesInodes", a.inodes());
                });
                r.reads().ifPresent(m -> {
                    o.put("pageCacheBytes", m.pageCacheBytes());
                    o.put("pageCacheBytesPerContainer", m.pageCacheBytesPerContainer());
                    o.put("pageCacheFiles", m.files());
                    o.put("bytesRead", m.bytesRead());
                    o.put("coldReadNanos", m.coldReadNanos());
                    if (m.warm().count() > 0) {
                        o.put("warmReadNanos", m.warmReadNanos());
                        o.put("warmReadP50Nanos", m.warm().p50());
                        o.put("warmReadP90Nanos", m.warm().p90());
                        o.put("warmReadP99Nanos", m.warm().p99());
                    }
                });
                r.walk().ifPresent(w -> {
                    o.put("walkEntries", w.entries());
                    o.put("walkColdNanos", w.coldNanos());
                    o.put("walkWarmNanos", w.warmNanos());
                });
                r.runs().ifPresent(c -> {
                    o.put("runColdNanos", c.coldNanos());
                    if (c.warm().count() > 0) {
                        o.put("runWarmNanos", c.warmNanos());
                        o.put("runWarmP50Nanos", c.warm().p50());
                        o.put("runWarmP90Nanos", c.warm().p90());
                        o.put("runWarmP99Nanos", c.warm().p99());
                    }
                    o.put("runPageCacheBytes", c.pageCacheBytes());
                    c.replayed().ifPresent(f -> o.put("runReplayedFiles", f));
                });
            }
        }
        AtomicFile.write(
                json,
                AtomicFile.Durability.ATOMIC_ONLY,
                out -> Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, all));
    }
}
