package dev.layerbench.cli;

import dev.layerbench.results.History;
import dev.layerbench.results.Plots;
import dev.layerbench.results.ResultsException;
import dev.layerbench.results.ResultsFile;
import dev.layerbench.results.RunReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code report RESULTS.json --out DIR}: DIR/report.md (machine, summary table) and PNG plots of the run. */
@Command(name = "report", mixinStandardHelpOptions = true, description = ReportTool.DESCRIPTION)
final class ReportTool implements Callable<Integer> {

    /** Its line in {@code help} (a constant: the list is printed without loading the tool). */
    static final String DESCRIPTION =
            "Write a markdown summary table and PNG plots of one JMH JSON results file into a directory.";

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "RESULTS.json",
            description = "A JMH -rf json file (its .machine.json sidecar is read when present).")
    Path results;

    @Option(
            names = "--history",
            paramLabel = "DIR",
            description =
                    "Instead: every recorded run under DIR, each benchmark over commits, with the step changes found.")
    Path history;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Directory for report.md and the PNG files (created if absent).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            if (history != null) {
                History.Written h = History.write(History.runs(history), out);
                h.plots().forEach(p -> stdout.println("plot    " + p));
                stdout.println("history " + h.markdown() + " (" + h.runs() + " runs, " + h.steps() + " step changes)");
                stdout.flush();
                return 0;
            }
            if (results == null) {
                throw new ResultsException("needs RESULTS.json, or --history DIR");
            }
            RunReport.Written w = RunReport.write(ResultsFile.read(results), out);
            for (Plots.Plot p : w.plots()) {
                stdout.println("plot   " + p.file());
            }
            stdout.println("report " + w.markdown());
            stdout.flush();
            return 0;
        } catch (ResultsException e) {
            spec.commandLine().getErr().println("report: " + Errors.oneLine(e));
            spec.commandLine().getErr().flush();
            return Errors.USAGE;
        }
    }
}
