package dev.layerbench.peers;

import dev.layerbench.fs.Trees;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.unpack.LayerBlob;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.Unpacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unpacking one layer (the same tar as .tar, .tar.gz, .tar.zst) into a fresh empty directory: the project's
 * {@code unpack --layer} (whole process) and {@link Unpacker#applyLayer} (steady state) against {@code tar -xf},
 * {@code tar -xzf}, {@code tar -I pigz -xf}, {@code tar -I zstd -xf}; and a whole image: {@code unpack --image}
 * and {@link Unpacker#flatten} against {@code umoci raw unpack}. Each run's target is made before and removed after
 * the timed part. The project applies whiteouts and verifies digests; tar does neither, umoci does both. The layer is
 * {@code --layer}'s or the dataset's largest; the image {@code --image}/{@code --ref}'s or the dataset's first.
 */
final class UnpackGroup implements Comparisons {

    static final String GROUP = "unpack";

    private final AtomicInteger targets = new AtomicInteger();

    @Override
    public List<PeerComparison> run(Session s) throws IOException {
        Path dir = s.work.resolve("unpack");
        List<PeerComparison> rows = new ArrayList<>();
        try {
            LayerFiles files = s.layerFiles(dir.resolve("in"));
            record Case(Path file, String peer, List<String> flags, String tool) {}
            List<Case> cases = List.of(
                    new Case(files.tar(), "tar -xf", List.of("-xf"), "tar"),
                    new Case(files.gzip(), "tar -xzf", List.of("-xzf"), "gzip"),
                    new Case(files.gzip(), "tar -I pigz -xf", List.of("-I", "pigz", "-xf"), "pigz"),
                    new Case(files.zstd(), "tar -I zstd -xf", List.of("-I", "zstd", "-xf"), "zstd"));
            for (Case c : cases) {
                String what = files.describe() + " as " + c.file().getFileName();
                String name = c.file().getFileName().toString();
                Side tool = new Side(
                        "layerbench unpack --layer",
                        Side.Kind.PROCESS,
                        s.project.show("unpack", "--layer", name, "--into", "DIR"),
                        null);
                Side lib = new Side(
                        "Unpacker.applyLayer",
                        Side.Kind.STEADY,
                        "Unpacker.applyLayer(LayerBlob.of(FILE), DIR, flatten())",
                        null);
                Side peer = new Side(c.peer(), Side.Kind.PROCESS, c.peer() + " " + name + " -C DIR", null);
                Trial project = into(
                        dir,
                        t -> Processes.run(
                                null,
                                s.project.tool("unpack", "--layer", c.file().toString(), "--into", t.toString())));
                Trial library = into(dir, t -> Unpacker.applyLayer(LayerBlob.of(c.file()), t, UnpackOptions.flatten()));
                Trial tar = into(dir, t -> {
                    List<String> cmd = new ArrayList<>(List.of("tar"));
                    cmd.addAll(c.flags());
                    cmd.addAll(List.of(c.file().toString(), "-C", t.toString()));
                    Processes.run(null, cmd);
                });
                List<String> needs = c.tool().equals("tar") ? List.of("tar") : List.of("tar", c.tool());
                rows.add(s.compare(GROUP, what, tool, project, peer, tar, "", needs));
                rows.add(s.compare(
                        GROUP,
                        what,
                        lib,
                        library,
                        peer,
                        tar,
                        "project in process, peer with its process start",
                        needs));
            }
            Session.ImageInput input = s.image();
            String ref = input.ref();
            Path layout = input.layout();
            int layers;
            try (ImageArchive archive = ImageArchive.open(layout)) {
                layers = archive.image(ref).layers().size();
            }
            String what = "image " + ref + " of " + input.name() + " (" + layers + " layers)";
            List<String> umoci = new ArrayList<>(List.of("umoci", "raw", "unpack"));
            if (!s.root) {
                umoci.add("--rootless");
            }
            Side peer = new Side(
                    "umoci raw unpack",
                    Side.Kind.PROCESS,
                    String.join(" ", umoci) + " --image LAYOUT:" + ref + " DIR",
                    null);
            Trial umociTrial = into(dir, false, t -> {
                List<String> cmd = new ArrayList<>(umoci);
                cmd.addAll(List.of("--image", layout + ":" + ref, t.toString()));
                Processes.run(null, cmd);
            });
            rows.add(s.compare(
                    GROUP,
                    what,
                    new Side(
                            "layerbench unpack --image",
                            Side.Kind.PROCESS,
                            s.project.show("unpack", "--image", "LAYOUT", "--ref", ref, "--into", "DIR"),
                            null),
                    into(
                            dir,
                            t -> Processes.run(
                                    null,
                                    s.project.tool(
                                            "unpack",
                                            "--image",
                                            layout.toString(),
                                            "--ref",
                                            ref,
                                            "--into",
                                            t.toString()))),
                    peer,
                    umociTrial,
                    "both verify digests and apply whiteouts",
                    List.of("umoci")));
            rows.add(s.compare(
                    GROUP,
                    what,
                    new Side(
                            "Unpacker.flatten",
                            Side.Kind.STEADY,
                            "Unpacker.flatten(archive, image, DIR, flatten())",
                            null),
                    into(dir, t -> {
                        try (ImageArchive archive = ImageArchive.open(layout)) {
                            Unpacker.flatten(archive, archive.image(ref), t, UnpackOptions.flatten());
                        }
                    }),
                    peer,
                    umociTrial,
                    "project in process, peer with its process start",
                    List.of("umoci")));
        } finally {
            Trees.delete(dir);
        }
        return rows;
    }

    /** A step given a fresh empty directory. */
    @FunctionalInterface
    interface Into {
        void run(Path target) throws Exception;
    }

    /** A trial unpacking into a fresh empty directory under {@code dir}, removed after (both untimed). */
    private Trial into(Path dir, Into step) {
        return into(dir, true, step);
    }

    /** As {@link #into(Path, Into)}; {@code create} false leaves the directory to the step (umoci makes its own). */
    private Trial into(Path dir, boolean create, Into step) {
        return () -> {
            Path t = dir.resolve("out-" + targets.incrementAndGet());
            Files.createDirectories(create ? t : t.getParent());
            try {
                long start = System.nanoTime();
                step.run(t);
                return System.nanoTime() - start;
            } finally {
                Trees.delete(t);
            }
        };
    }
}
