package dev.layerbench.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code help}: lists the tools with a line each, and how the JMH suite is run. */
@Command(name = "help", description = "List the tools, a line each, and how to run the benchmarks.")
final class HelpTool implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec == null ? new PrintWriter(System.out, true) : spec.commandLine().getOut();
        out.println("Usage: java -jar target/benchmarks.jar [TOOL [ARGS...] | JMH-OPTIONS]");
        out.println();
        out.println("With no arguments, runs the JMH suite with the project's defaults ("
                + String.join(" ", SuiteDefaults.args()) + ").");
        out.println("JMH options pass through unchanged: -l, -lp, -p name=v, -rf json, -f N, a benchmark regex, -h.");
        out.println();
        out.println("Tools (each takes --help):");
        CommandLine top = spec == null ? null : spec.commandLine().getParent();
        Map<String, CommandLine> tools = top == null ? Map.of() : top.getSubcommands();
        tools.forEach((name, cmd) -> {
            String[] description = cmd.getCommandSpec().usageMessage().description();
            out.printf("  %-9s %s%n", name, description.length > 0 ? description[0] : "");
        });
        out.flush();
    }
}
