package dev.layerbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerbench.dataset.DatasetKind;
import dev.layerbench.dataset.DatasetManifest;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.dataset.TemporaryDataset;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.layout.Layout;
import dev.layerbench.layout.LayoutKind;
import dev.layerbench.layout.LayoutOptions;
import dev.layerbench.layout.LayoutRun;
import dev.layerbench.layout.WriteWorkload;
import dev.layerbench.store.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
@Command(name = "layout", mixinStandardHelpOptions = true,
        description = LayoutTool.DESCRIPTION)
final class LayoutTool implements Callable<Integer> {

    /** Its line in {@code help} (a constant: the list is printed without loading the tool). */
    static final String DESCRIPTION = "Create, measure and remove N containers per layout (shared, shared-kernel, flat, file-dedup).";

    @Option(names = "--image", paramLabel = "PATH", description = "OCI layout holding the images (every tag is used, in turn).")
    Path image;

    @Option(names = "--ref", split = ",", paramLabel = "NAME", description = "Only these images of the source (default: every tag).")
    List<String> refs;

    @Option(names = "--du", arity = "1..*", paramLabel = "PATH",
            description = "Only print the disk usage of these trees (st_blocks*512 and inodes, each inode once, like du -s -c).")
    List<Path> du;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "synthetic-small",
            description = "Without --image: a synthetic dataset built in a temp dir under --dir, or a real one from the cache (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--kind", split = ",", paramLabel = "KIND",
            description = "Layouts to run (default: every one this process can run).")
    List<String> kinds;

    @Option(names = "--n", split = ",", paramLabel = "N", defaultValue = "1,10,100", description = "Container counts (default: ${DEFAULT-VALUE}).")
    List<Integer> counts;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".", description = "Where layouts are made (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "1", description = "Runs per layout and N, layouts alternating (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--flat-source", paramLabel = "SOURCE", defaultValue = "COPY", description = "flat: COPY a template or UNPACK per container (default: ${DEFAULT-VALUE}).")
    LayoutOptions.FlatSource flatSource;

    @Option(names = "--sharing", paramLabel = "SHARING", defaultValue = "AUTO", description = "file-dedup: HARDLINK, REFLINK or AUTO (default: ${DEFAULT-VALUE}).")
    LayoutOptions.Sharing sharing;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "1",
            description = "Containers per image made and removed untimed before each run (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--no-workload", description = "Skip the write workload.")
    boolean noWorkload;

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
            dev.layerbench.fs.DiskUsage.Walker w = new dev.layerbench.fs.DiskUsage.Walker(dev.layerbench.fs.DiskUsage.Devices.ONE);
            for (Path p : du) {
                w.add(p);
            }
            out.printf("%d bytes %d inodes %d links%n", w.usage().bytes(), w.usage().inodes(), w.usage().links());
            out.flush();
            return 0;
        }
        if (repeat < 1 || counts.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--repeat and --n must be at least 1");
        }
        List<LayoutKind> chosen = new ArrayList<>();
        if (kinds == null) {
            for (LayoutKind k : LayoutKind.values()) {
                k.unavailable().ifPresentOrElse(why -> out.println("skipping " + k.label() + ": " + why), () -> chosen.add(k));
            }
        } else {
            for (String s : kinds) {
                chosen.add(LayoutKind.ofLabel(s));
            }
        }
        LayoutOptions options = LayoutOptions.defaults().with(flatSource).with(sharing);
        Optional<WriteWorkload> workload = noWorkload ? Optional.empty() : Optional.of(WriteWorkload.defaults());
        TemporaryDataset temporary = null;
        try {
            Path root = image;
            if (root == null) {
                DatasetManifest m = Datasets.catalog().get(dataset);
                if (m.kind() == DatasetKind.synthetic) {
                    temporary = TemporaryDataset.create(m, dir.toAbsolutePath());
                    root = temporary.root();
                } else {
                    root = Datasets.prepare(dataset).root();
                }
            }
            Map<String, List<LayoutRun.Result>> runs = new LinkedHashMap<>();
            try (ImageArchive archive = ImageArchive.open(root)) {
                List<Image> images = new ArrayList<>();
                for (String ref : refs != null ? refs : archive.refs()) {
                    images.add(archive.image(ref));
                }
                for (int n : counts) {
                    for (int r = 0; r < repeat; r++) {
                        for (LayoutKind k : chosen) {
                            try (Layout layout = k.open(archive, images, dir, options)) {
                                runs.computeIfAbsent(k.label() + " " + n, x -> new ArrayList<>())
                                        .add(LayoutRun.run(layout, n, workload, warmup));
                            }
                        }
                    }
                }
            }
            List<LayoutRun.Result> medians = new ArrayList<>();
            out.printf("%-13s %5s %12s %17s %11s %14s %10s %12s %13s %12s%n", "LAYOUT", "N", "CREATE ms/c", "(range)",
                    "REMOVE ms/c", "BYTES/c", "INODES/c", "BASE bytes", "COPY-UP B/c", "WRITE ms/c");
            for (Map.Entry<String, List<LayoutRun.Result>> e : runs.entrySet()) {
                List<LayoutRun.Result> rs = new ArrayList<>(e.getValue());
                rs.sort(Comparator.comparingLong(LayoutRun.Result::createNanos));
                LayoutRun.Result m = rs.get(rs.size() / 2);
                medians.add(m);
                out.printf("%-13s %5d %12.3f %17s %11.3f %14.0f %10.1f %12d %13s %12s%n", m.kind().label(), m.n(),
                        m.createMillisPerContainer(),
                        String.format("%.3f-%.3f", rs.getFirst().createMillisPerContainer(), rs.getLast().createMillisPerContainer()),
                        m.removeMillisPerContainer(), m.bytesPerContainer(), m.inodesPerContainer(), m.base().bytes(),
                        m.writes().map(w -> String.format("%.0f", (double) w.copiedUpBytes() / m.n())).orElse("-"),
                        m.writes().map(w -> String.format("%.3f", w.nanos() / 1e6 / m.n())).orElse("-"));
            }
            ratios(out, medians);
            if (json != null) {
                writeJson(runs);
            }
            if (chart != null) {
                LayoutChart.write(medians, "Bytes on disk against N (" + (image != null ? image.getFileName() : dataset) + ")", chart);
            }
        } finally {
            if (temporary != null) {
                temporary.close();
            }
        }
        out.flush();
        return 0;
    }

    private static void ratios(PrintWriter out, List<LayoutRun.Result> medians) {
        for (LayoutRun.Result flat : medians) {
            if (flat.kind() != LayoutKind.FLAT) {
                continue;
            }
            StringBuilder line = new StringBuilder("N=" + flat.n() + ": bytes per container");
            for (LayoutRun.Result other : medians) {
                if (other.n() == flat.n() && (other.kind() == LayoutKind.SHARED || other.kind() == LayoutKind.FILE_DEDUP)) {
                    line.append(String.format("  flat/%s %.1fx", other.kind().label(),
                            flat.bytesPerContainer() / other.bytesPerContainer()));
                }
            }
            out.println(line);
        }
    }

    private void writeJson(Map<String, List<LayoutRun.Result>> runs) throws java.io.IOException {
        ArrayNode all = Json.MAPPER.createArrayNode();
        for (List<LayoutRun.Result> rs : runs.values()) {
            for (LayoutRun.Result r : rs) {
                ObjectNode o = all.addObject();
                o.put("layout", r.kind().label());
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
            }
        }
        Path tmp = Files.createTempFile(json.toAbsolutePath().getParent(), "." + json.getFileName(), ".tmp");
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), all);
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
