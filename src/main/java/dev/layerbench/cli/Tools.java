package dev.layerbench.cli;

import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The tools the jar carries, as picocli subcommands of one top command. */
@Command(name = "benchmarks.jar", mixinStandardHelpOptions = false,
        description = "layerbench: benchmarks and tools for how container images are stored on disk.",
        subcommands = {HelpTool.class, DigestTool.class, InspectTool.class, CompareTool.class, RecordTool.class,
                ReportTool.class, MachineTool.class})
public final class Tools implements Runnable {

    /** Names a first argument must have to run a tool instead of JMH. */
    private static final Set<String> NAMES = Set.of("help", "digest", "inspect", "compare", "record", "report", "machine");

    static boolean isTool(String arg) {
        return NAMES.contains(arg) || arg.equals("--help") || arg.equals("-h");
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Tools());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(Errors::onParameterError);
        cli.setExecutionExceptionHandler(Errors::onExecutionError);
        return cli;
    }

    @Override
    public void run() {
        new CommandLine(new HelpTool()).execute();
    }
}
