package dev.layerbench.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The tools the jar carries, as picocli subcommands of one top command. Only the tool being run is built (picocli
 * reads a command's annotations when it is added; {@code --help} builds all), and the list {@code help} prints is
 * made of compile-time constants, so naming the tools loads none of them: start-up stays short as tools are added.
 */
@Command(
        name = "benchmarks.jar",
        description = "layerbench: benchmarks and tools for how container images are stored on disk.")
public final class Tools implements Runnable {

    /** A tool's name and its line in {@code help}. */
    record Entry(String name, String description) {}

    /** Every tool, in the order {@code help} lists them (the descriptions are constants, inlined here). */
    static final List<Entry> ALL = List.of(
            new Entry("help", HelpTool.DESCRIPTION),
            new Entry("digest", DigestTool.DESCRIPTION),
            new Entry("inspect", InspectTool.DESCRIPTION),
            new Entry("unpack", UnpackTool.DESCRIPTION),
            new Entry("view", ViewTool.DESCRIPTION),
            new Entry("store", StoreTool.DESCRIPTION),
            new Entry("dataset", DatasetTool.DESCRIPTION),
            new Entry("compare", CompareTool.DESCRIPTION),
            new Entry("gate", GateTool.DESCRIPTION),
            new Entry("record", RecordTool.DESCRIPTION),
            new Entry("report", ReportTool.DESCRIPTION),
            new Entry("machine", MachineTool.DESCRIPTION),
            new Entry("layout", LayoutTool.DESCRIPTION),
            new Entry("size", SizeTool.DESCRIPTION),
            new Entry("corpus", CorpusTool.DESCRIPTION),
            new Entry("peers", PeersTool.DESCRIPTION));

    static boolean isTool(String arg) {
        for (Entry e : ALL) {
            if (e.name().equals(arg)) {
                return true;
            }
        }
        return arg.equals("--help");
    }

    /** A new instance of the named tool (a switch, not a table of lambdas: nothing is spun or loaded for the others). */
    static Object create(String name) {
        return switch (name) {
            case "help" -> new HelpTool();
            case "digest" -> new DigestTool();
            case "inspect" -> new InspectTool();
            case "unpack" -> new UnpackTool();
            case "view" -> new ViewTool();
            case "store" -> new StoreTool();
            case "dataset" -> new DatasetTool();
            case "compare" -> new CompareTool();
            case "gate" -> new GateTool();
            case "record" -> new RecordTool();
            case "report" -> new ReportTool();
            case "machine" -> new MachineTool();
            case "layout" -> new LayoutTool();
            case "size" -> new SizeTool();
            case "corpus" -> new CorpusTool();
            case "peers" -> new PeersTool();
            default -> throw new IllegalArgumentException("no tool " + name);
        };
    }

    /** The command line for running {@code args}: the top command with the named tool (all of them for help). */
    static CommandLine commandLine(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Tools());
        String first = args.length == 0 ? "help" : args[0];
        if (isTool(first) && !first.equals("help") && !first.equals("--help")) {
            cli.addSubcommand(first, create(first));
        } else {
            ALL.forEach(e -> cli.addSubcommand(e.name(), create(e.name())));
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
        ALL.forEach(e -> help.addSubcommand(e.name(), create(e.name())));
        help.execute("help");
    }
}
