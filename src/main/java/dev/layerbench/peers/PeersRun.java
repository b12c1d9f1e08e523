package dev.layerbench.peers;

import dev.layerbench.fs.LoopFilesystem;
import dev.layerbench.fs.Trees;
import dev.layerbench.results.MachineInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A whole peers run: a hidden work directory in {@code --dir} (its filesystem is the one measured; with {@code --fs},
 * in a loop filesystem made there for the run), every chosen group in order, the work directory (and the loop
 * filesystem) removed, the report written.
 */
public final class PeersRun {

    private PeersRun() {}

    /** Runs the groups and writes the report into {@code options.out()}; returns it. */
    public static Report run(PeersOptions options, String command, Consumer<String> progress) throws IOException {
        Path dir = options.dir().toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new PeersException(dir + ": --dir must be an existing directory");
        }
        PeersOptions.Inputs in = options.inputs();
        if (in.layer().isPresent() && !Files.isRegularFile(in.layer().get())) {
            throw new PeersException(
                    in.layer().get() + ": --layer must be a layer blob file (tar, tar+gzip, tar+zstd)");
        }
        if (in.image().isPresent() && !Files.isRegularFile(in.image().get().resolve("index.json"))) {
            throw new PeersException(in.image().get() + ": --image must be an OCI image layout (no index.json there)");
        }
        if (in.fs().isPresent() && !in.fs().get().available()) {
            LoopFilesystem.Type t = in.fs().get();
            throw new PeersException(
                    "--fs " + t.name().toLowerCase(java.util.Locale.ROOT) + ": needs root and " + t.program());
        }
        LoopFilesystem loop = null;
        try {
            if (in.fs().isPresent()) {
                progress.accept(
                        "making a " + in.fs().get() + " of " + in.fsSizeGiB() + " GiB in a loop file under " + dir);
                loop = LoopFilesystem.create(in.fs().get(), dir, (long) in.fsSizeGiB() << 30);
            }
            return run(options, loop != null ? loop.root() : dir, command, progress);
        } finally {
            if (loop != null) {
                loop.close();
            }
        }
    }

    private static Report run(PeersOptions options, Path dir, String command, Consumer<String> progress)
            throws IOException {
        Instant started = Instant.now();
        MachineInfo machine = MachineInfo.capture(dir);
        Path work = Files.createTempDirectory(dir, ".peers-");
        List<PeerComparison> rows = new ArrayList<>();
        try {
            Session session = Session.system(options, work, progress);
            for (Group g : options.groups()) {
                progress.accept("group " + g.label());
                rows.addAll(g.create().run(session));
            }
        } finally {
            Trees.delete(work);
        }
        Report report = new Report(machine, started, command, rows);
        Path md = report.write(options.out());
        progress.accept("wrote " + md + " and " + md.resolveSibling(report.stem() + ".json"));
        return report;
    }
}
