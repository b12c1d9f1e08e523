package dev.layerbench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerbench.json.Json;
import dev.layerbench.results.ForkSamples;
import dev.layerbench.results.GateCheck;
import dev.layerbench.results.GatePool;
import dev.layerbench.results.GateReport;
import dev.layerbench.results.GateSelfTest;
import dev.layerbench.results.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gate --base B1.json B2.json... --current C1.json C2.json... --out DIR}: the regression gate's comparison of
 * runs made in one job, interleaved, one fork per file (what {@code .ci/bench-gate} runs). Prints the table, writes
 * {@code DIR/gate.json}, {@code DIR/gate.md} and {@code DIR/regressed.txt} (the regressed benchmarks' JMH patterns,
 * for the confirming re-run); exit 1 on a regression, 0 otherwise, 2 on bad input. With {@code --confirm-of
 * FIRST/gate.json}, only benchmarks that regressed there too fail. {@code gate --self-test-summary DIR} tallies
 * {@code .ci/bench-gate --self-test} runs.
 */
@Command(name = "gate", mixinStandardHelpOptions = true, description = GateTool.DESCRIPTION)
final class GateTool implements Callable<Integer> {

    /** Its line in {@code help} (a constant: the list is printed without loading the tool). */
    static final String DESCRIPTION =
            "Compare base and current runs made in one job (bootstrap CI, MDE); exit 1 on a regression, 2 on bad input.";

    @Option(names = "--base", arity = "1..*", paramLabel = "RUN.json", description = "The base jar's JMH JSON runs.")
    List<Path> base = new ArrayList<>();

    @Option(
            names = "--current",
            arity = "1..*",
            paramLabel = "RUN.json",
            description = "The current jar's JMH JSON runs.")
    List<Path> current = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Where gate.json, gate.md and regressed.txt go.")
    Path out;

    @Option(
            names = "--confirm-of",
            paramLabel = "GATE.json",
            description = "A first comparison: fail only on what regressed in both.")
    Path confirmOf;

    @Option(
            names = "--base-label",
            defaultValue = "base",
            description = "What the base is (a commit), for the reports.")
    String baseLabel;

    @Option(
            names = "--current-label",
            defaultValue = "current",
            description = "What the current side is, for the reports.")
    String currentLabel;

    @Option(
            names = "--accepted",
            paramLabel = "FILE",
            description = "Slow-downs accepted on purpose against this base (results/gate/accepted.tsv).")
    Path accepted;

    @Option(
            names = "--self-test-summary",
            paramLabel = "DIR",
            description = "Tally the self-test runs under DIR instead.")
    Path selfTest;

    @Option(
            names = "--self-test-pool",
            paramLabel = "DIR",
            description = "Simulate gates from the pooled forks under DIR (plain-NN.json, slow-F-NN.json) instead.")
    Path selfTestPool;

    @Option(
            names = "--draws",
            defaultValue = "200",
            description = "With --self-test-pool: simulated gates per kind (default ${DEFAULT-VALUE}).")
    int draws;

    @Option(
            names = "--rounds",
            defaultValue = "4",
            description = "With --self-test-pool: forks per side of each simulated gate (default ${DEFAULT-VALUE}).")
    int rounds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (selfTest != null) {
                var tallies = GateSelfTest.read(selfTest);
                GateSelfTest.write(out != null ? out : selfTest, tallies);
                o.print(GateSelfTest.markdown(tallies));
                o.flush();
                return 0;
            }
            if (selfTestPool != null) {
                if (draws < 1) {
                    throw new IllegalArgumentException("--draws must be at least 1: " + draws);
                }
                GatePool pool = GatePool.read(selfTestPool, rounds);
                var tallies = pool.simulate(GateCheck.DEFAULT, rounds, draws, 42);
                GateSelfTest.write(out != null ? out : selfTestPool, tallies);
                o.printf(
                        "gate: %d simulated gates per kind, %d forks a side, from %s%n",
                        draws, rounds, pool.describe());
                o.print(GateSelfTest.markdown(tallies));
                o.flush();
                return 0;
            }
            if (base.isEmpty() || current.isEmpty()) {
                throw new IllegalArgumentException("needs --base RUN.json... and --current RUN.json...");
            }
            List<GateCheck.Row> rows = GateCheck.DEFAULT.compare(ForkSamples.read(base), ForkSamples.read(current));
            Set<String> mustAlsoBe = null;
            if (confirmOf != null) {
                if (!Files.isRegularFile(confirmOf)) {
                    throw new IllegalArgumentException(confirmOf + ": no such file (the first comparison's gate.json)");
                }
                mustAlsoBe = GateReport.regressedLabels(Json.MAPPER.readTree(confirmOf.toFile()));
            }
            List<dev.layerbench.results.GateAcceptance> acceptances =
                    accepted == null ? List.of() : dev.layerbench.results.GateAcceptance.read(accepted);
            List<GateCheck.Row> failing = new ArrayList<>();
            List<String> acceptedLines = new ArrayList<>();
            for (GateCheck.Row r : rows) {
                if (r.verdict() == Verdict.REGRESSION
                        && (mustAlsoBe == null || mustAlsoBe.contains(r.key().label()))) {
                    var a = dev.layerbench.results.GateAcceptance.covering(acceptances, baseLabel, r);
                    if (a.isPresent()) {
                        acceptedLines.add(a.get().describe(r));
                    } else {
                        failing.add(r);
                    }
                }
            }
            o.print(GateReport.text(rows, false));
            if (out != null) {
                ObjectNode meta = Json.MAPPER.createObjectNode();
                meta.put("base", baseLabel);
                meta.put("current", currentLabel);
                meta.put(
                        "method",
                        "hierarchical bootstrap of the ratio of mean fork medians; 95% percentile CI; "
                                + "fail when CI > 1 and ratio - 1 > max(MDE at 80% power, 5%)");
                meta.put("confirmation", confirmOf != null);
                GateReport.write(out, rows, meta);
                Files.writeString(
                        out.resolve("regressed.txt"),
                        String.join("\n", GateReport.classPatterns(failing)) + (failing.isEmpty() ? "" : "\n"),
                        StandardCharsets.UTF_8);
            }
            acceptedLines.forEach(o::println);
            o.printf(
                    "gate: %d benchmark(s), %d regression(s)%s%n",
                    rows.size(), failing.size(), confirmOf != null ? " confirmed" : "");
            o.flush();
            return failing.isEmpty() ? 0 : Errors.FAILED;
        } catch (IOException | IllegalArgumentException e) {
            err.println("gate: " + Errors.oneLine(e));
            err.flush();
            return Errors.USAGE;
        }
    }
}
