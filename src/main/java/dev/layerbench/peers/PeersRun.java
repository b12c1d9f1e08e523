package dev.layerbench.peers;

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
 * A whole peers run: a hidden work directory in {@code --dir} (its filesystem is the one measured), every chosen
 * group in order, the work directory removed, the report written.
 */
public final class PeersRun {

    private PeersRun() {}

    /** Runs the groups and writes the report into {@code options.out()}; returns it. */
    public static Report run(PeersOptions options, String command, Consumer<String> progress) throws IOException {
        Path dir = options.dir().toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new PeersException(dir + ": --dir must be an existing directory");
        }
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
