package dev.layerbench.cli;

import dev.layerbench.dataset.Datasets;
import dev.layerbench.fs.LoopFilesystem;
import dev.layerbench.peers.Group;
import dev.layerbench.peers.PeerComparison;
import dev.layerbench.peers.PeersOptions;
import dev.layerbench.peers.PeersRun;
import dev.layerbench.peers.Report;
import dev.layerbench.peers.Stats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code peers [--dataset NAME] [--dir DIR] [--runs N] [--only GROUP,...] [--quick] [--out DIR] [--layer FILE]
 * [--image LAYOUT] [--ref NAME] [--containers N] [--fs here|ext4|xfs|btrfs] [--fs-size GiB]}: the project's
 * operations side by side with GNU tar, umoci, openssl, sha256sum, gzip, pigz, zstd, cp and the kernel's overlayfs,
 * alternated, written to {@code results/peers-<date>-<machine>.md} and {@code .json}.
 */
@Command(name = "peers", mixinStandardHelpOptions = true, description = PeersTool.DESCRIPTION)
final class PeersTool implements Callable<Integer> {

    /** Its line in {@code help} (a constant: the list is printed without loading the tool). */
    static final String DESCRIPTION = "Time the project's operations against the peer tools on the same input, "
            + "alternating A B A B; write results/peers-<date>-<machine>.md and .json.";

    @Option(
            names = "--dataset",
            paramLabel = "NAME",
            description = "Dataset of the catalog (default: synthetic-default; synthetic-small with --quick).")
    String dataset;

    @Option(
            names = "--dir",
            defaultValue = ".",
            paramLabel = "DIR",
            description =
                    "Where inputs and results are made: its filesystem is measured (default: the current directory).")
    Path dir;

    @Option(
            names = "--runs",
            defaultValue = "5",
            paramLabel = "N",
            description = "Runs of each side after the warm-up (default: ${DEFAULT-VALUE}; 3 with --quick).")
    int runs;

    @Option(
            names = "--warmups",
            defaultValue = "1",
            paramLabel = "N",
            description = "Warm-up runs of each side, not kept (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(
            names = "--only",
            split = ",",
            paramLabel = "GROUP",
            description =
                    "Only these groups: digest, decompress, unpack, lookup, copyup, layout, startup (default: all).")
    List<String> only;

    @Option(names = "--quick", description = "Small inputs and few cases: a smoke test of seconds.")
    boolean quick;

    @Option(
            names = "--out",
            defaultValue = "results",
            paramLabel = "DIR",
            description = "Where the report goes (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--layer",
            paramLabel = "FILE",
            description = "A layer blob (tar, tar+gzip or tar+zstd) for the decompress, unpack and startup groups "
                    + "instead of the dataset's largest layer.")
    Path layer;

    @Option(
            names = "--image",
            paramLabel = "LAYOUT",
            description = "An OCI image layout for the unpack and layout groups instead of the dataset's.")
    Path image;

    @Option(
            names = "--ref",
            paramLabel = "NAME",
            description = "The image of --image or of the dataset to use (default: the first).")
    String ref;

    @Option(
            names = "--containers",
            paramLabel = "N",
            description = "Containers the layout group creates per run (default: 10; 2 with --quick).")
    Integer containers;

    @Option(
            names = "--fs",
            defaultValue = "here",
            paramLabel = "FS",
            description = "here (--dir as it is), or ext4 (mkfs defaults, with its journal), xfs (reflink=1), btrfs: "
                    + "a sparse loop filesystem made under --dir for the run and removed after (root).")
    String fs;

    @Option(
            names = "--fs-size",
            defaultValue = "8",
            paramLabel = "GiB",
            description = "Size of the --fs loop filesystem (default: ${DEFAULT-VALUE}).")
    int fsSize;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PeersOptions options;
        try {
            Set<Group> groups = new LinkedHashSet<>();
            if (only != null) {
                for (String g : only) {
                    groups.add(Group.of(g));
                }
            }
            boolean runsGiven = spec.commandLine().getParseResult().hasMatchedOption("--runs");
            options = new PeersOptions(
                    dataset != null ? dataset : quick ? Datasets.SMALL : Datasets.DEFAULT,
                    dir,
                    quick && !runsGiven ? 3 : runs,
                    warmups,
                    groups,
                    quick,
                    this.out,
                    new PeersOptions.Inputs(
                            Optional.ofNullable(layer),
                            Optional.ofNullable(image),
                            Optional.ofNullable(ref),
                            containers == null ? OptionalInt.empty() : OptionalInt.of(containers),
                            loopType(fs),
                            fsSize));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (args.isEmpty() || !args.getFirst().equals("peers")) {
            args.addFirst("peers");
        }
        Report report = PeersRun.run(options, String.join(" ", args), line -> {
            err.println("peers: " + line);
            err.flush();
        });
        for (PeerComparison c : report.rows()) {
            out.printf(
                    Locale.ROOT,
                    "%-10s %-58s %-28s %10s  %-22s %10s  %s%s%n",
                    c.group(),
                    cut(c.what(), 58),
                    cut(c.project().name(), 28),
                    c.project().stats() == null
                            ? "-"
                            : Stats.human(c.project().stats().median()),
                    cut(c.peer().name(), 22),
                    c.peer().stats() == null
                            ? "-"
                            : Stats.human(c.peer().stats().median()),
                    c.ratio().isPresent()
                            ? String.format(Locale.ROOT, "x%.2f", c.ratio().getAsDouble())
                            : "-",
                    c.note().isEmpty() ? "" : "  (" + c.note() + ")");
        }
        out.flush();
        return 0;
    }

    /** {@code here}: none; else the loop filesystem named, or an IllegalArgumentException naming the choices. */
    private static Optional<LoopFilesystem.Type> loopType(String fs) {
        if (fs.equals("here")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LoopFilesystem.Type.valueOf(fs.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fs " + fs + ": expected here, ext4, xfs or btrfs");
        }
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 3) + "...";
    }
}
