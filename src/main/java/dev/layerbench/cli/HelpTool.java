package dev.layerbench.cli;

import dev.layerbench.results.Profile;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code help}: lists the tools with a line each, and how the JMH suite is run. */
@Command(name = "help", description = HelpTool.DESCRIPTION)
final class HelpTool implements Runnable {

    /** Its line in {@code help} (a constant: the list is printed without loading the tool). */
    static final String DESCRIPTION = "List the tools, a line each, and how to run the benchmarks.";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        print(
                spec == null
                        ? new PrintWriter(System.out, true)
                        : spec.commandLine().getOut());
    }

    /** {@code help} run without picocli. */
    record Printer(PrintWriter out) implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            print(out);
            return 0;
        }
    }

    /** The list, from {@link Tools#ALL}: no tool class and no picocli needed. */
    static void print(PrintWriter out) {
        out.println("Usage: java -jar target/benchmarks.jar [TOOL [ARGS...] | JMH-OPTIONS]");
        out.println();
        out.println("With no arguments, runs the JMH suite with the project's defaults ("
                + String.join(" ", Profile.FULL.jmhOptions()) + ").");
        out.println("JMH options pass through unchanged: -l, -lp, -p name=v, -rf json, -f N, a benchmark regex, -h.");
        out.println();
        out.println("Tools (each takes --help):");
        for (Tools.Entry e : Tools.ALL) {
            out.printf("  %-9s %s%n", e.name(), e.description());
        }
        out.flush();
    }
}
