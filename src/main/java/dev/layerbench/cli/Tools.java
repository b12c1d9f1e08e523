package dev.layerbench.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The tools the jar carries, as picocli subcommands of one top command. Only the tool being run is built (picocli
 * reads a command's annotations when it is added), so start-up stays short as tools are added; {@code help} builds all.
 */
@Command(name = "benchmarks.jar", description = "layerbench: benchmarks and tools for how container images are stored on disk.")
public final class Tools implements Runnable {

    /** Every tool, in the order {@code help} lists them. */
    private static final Map<String, Supplier<Object>> TOOLS = new LinkedHashMap<>();

    static {
        TOOLS.put("help", HelpTool::new);
        TOOLS.put("digest", DigestTool::new);
        TOOLS.put("inspect", InspectTool::new);
        TOOLS.put("unpack", UnpackTool::new);
        TOOLS.put("view", ViewTool::new);
        TOOLS.put("store", StoreTool::new);
        TOOLS.put("dataset", DatasetTool::new);
        TOOLS.put("compare", CompareTool::new);
        TOOLS.put("gate", GateTool::new);
        TOOLS.put("record", RecordTool::new);
        TOOLS.put("report", ReportTool::new);
        TOOLS.put("machine", MachineTool::new);
        TOOLS.put("layout", LayoutTool::new);
        TOOLS.put("size", SizeTool::new);
        TOOLS.put("peers", PeersTool::new);
    }

    static boolean isTool(String arg) {
        return TOOLS.containsKey(arg) || arg.equals("--help");
    }

    /** The command line for running {@code args}: the top command with the named tool (all of them for help). */
    static CommandLine commandLine(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Tools());
        String first = args.length == 0 ? "help" : args[0];
        if (TOOLS.containsKey(first) && !first.equals("help")) {
            cli.addSubcommand(first, TOOLS.get(first).get());
        } else {
            TOOLS.forEach((name, tool) -> cli.addSubcommand(name, tool.get()));
        }
        cli.setExpandAtFiles(false); // layout --read @FILE names a list of paths, not picocli's argument file
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(Errors::onParameterError);
        cli.setExecutionExceptionHandler(Errors::onExecutionError);
        return cli;
    }

    @Override
    public void run() {
        // `--help` alone: same as `help`
        CommandLine help = new CommandLine(this);
        TOOLS.forEach((name, tool) -> help.addSubcommand(name, tool.get()));
        help.execute("help");
    }
}
