package dev.layerbench.cli;

import dev.layerbench.results.CompareOptions;
import dev.layerbench.results.CompareOptions.Normalization;
import dev.layerbench.results.Comparison;
import dev.layerbench.results.ComparisonReport;
import dev.layerbench.results.ResultsFile;
import dev.layerbench.results.Spread;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code compare BASELINE.json CURRENT.json [--threshold 10%] [--[no-]normalize] [--format text|markdown]}: the two
 * runs' results side by side with ratio, uncertainty and verdict; exit 1 when any result regressed beyond the
 * threshold, 0 otherwise, 2 on bad input. {@code compare --spread A.json B.json C.json...}: the spread of repeated
 * runs per result, and the threshold it suggests.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, description = CompareTool.DESCRIPTION)
final class CompareTool implements Callable<Integer> {

    /** Its line in {@code help} (a constant: the list is printed without loading the tool). */
    static final String DESCRIPTION =
            "Compare two JMH JSON results (exit 1 on a regression, 2 on bad input); --spread for repeated runs.";

    enum Format {
        text,
        markdown
    }

    @Parameters(
            arity = "2..*",
            paramLabel = "RESULTS.json",
            description = "BASELINE.json CURRENT.json (JMH -rf json files); with --spread, two or more repeated runs.")
    List<Path> files;

    @Option(
            names = "--threshold",
            paramLabel = "FRACTION",
            defaultValue = "10%",
            description =
                    "Slow-down (more time per operation) that is a regression: 0.1 or 10%% (default: ${DEFAULT-VALUE}).")
    String threshold;

    @Option(
            names = "--normalize",
            negatable = true,
            description = "Divide by the CalibrationBench machine-speed ratio (default: when both runs have it).")
    Boolean normalize;

    @Option(
            names = "--spread",
            description = "Spread per result across repeated runs of unchanged code, and the threshold it suggests.")
    boolean spread;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "FORMAT",
            description = "text or markdown (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Normalization normalization =
                    normalize == null ? Normalization.AUTO : normalize ? Normalization.ON : Normalization.OFF;
            CompareOptions options = new CompareOptions(parseThreshold(threshold), normalization);
            if (!spread && files.size() != 2) {
                throw new IllegalArgumentException("needs exactly two files, BASELINE.json CURRENT.json (got "
                        + files.size() + "; --spread takes more)");
            }
            List<ResultsFile> runs = new ArrayList<>();
            for (Path f : files) {
                runs.add(ResultsFile.read(f));
            }
            if (spread) {
                out.print(Spread.of(runs, normalization).text(format == Format.markdown));
                out.flush();
                return 0;
            }
            Comparison c = Comparison.of(runs.get(0), runs.get(1), options);
            out.print(ComparisonReport.text(c, format == Format.markdown));
            out.flush();
            return c.hasRegression() ? Errors.FAILED : 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("compare: " + Errors.oneLine(e));
            err.flush();
            return Errors.USAGE;
        }
    }

    /** {@code 0.1}, {@code 10%}: a positive fraction. */
    static double parseThreshold(String s) {
        String t = s.trim();
        try {
            double v =
                    t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "--threshold %s: not a positive fraction (use e.g. 0.1 or 10%%)", s));
        }
    }
}
