package dev.layerbench.cli;

import dev.layerbench.results.Profile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What {@code target/benchmarks.jar} runs once its Main-Class, {@code Launcher} (compiled for Java 8), has checked
 * the Java version. A first argument naming a tool runs it; anything else goes to JMH unchanged, and no argument at
 * all runs the suite with the project's defaults ({@link Profile#FULL}'s options; any JMH option given replaces them
 * entirely).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        StartupTrace.mark("main");
        if (args.length > 0 && args[0].equals("--help")) {
            args = new String[] {"help"};
        }
        if (args.length > 0 && Tools.isTool(args[0])) {
            System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
        }
        List<String> jmhArgs = new ArrayList<>(args.length == 0 ? Profile.FULL.jmhOptions() : List.of(args));
        org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
    }

    /** Runs a tool; returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length > 1
                && args[0].equals("digest")
                && Arrays.stream(args).skip(1).noneMatch(a -> a.startsWith("-"))) {
            return DigestTool.hash(Arrays.stream(args).skip(1).map(Path::of).toList(), out, err);
        }
        Callable<Integer> quick =
                args.length == 0 ? null : quick(args[0], List.of(args).subList(1, args.length), out, err);
        if (quick != null) {
            StartupTrace.mark("parsed without picocli");
            try {
                return quick.call();
            } catch (Exception e) {
                return Errors.failed(args[0], e, err);
            } finally {
                StartupTrace.mark("done");
            }
        }
        CommandLine cli = Tools.commandLine(args, out, err);
        StartupTrace.mark("command line built");
        cli.setExecutionStrategy(parsed -> {
            StartupTrace.mark("parsed");
            return new CommandLine.RunLast().execute(parsed);
        });
        int code = cli.execute(args);
        StartupTrace.mark("done");
        return code;
    }

    /**
     * The tool for a plain command line of a tool whose first result should come fast (help, unpack, inspect, view,
     * size), read without picocli ({@link QuickLine}); null for any other line, which picocli then reads.
     */
    static Callable<Integer> quick(String tool, List<String> rest, PrintWriter out, PrintWriter err) {
        try {
            return switch (tool) {
                case "help" -> rest.isEmpty() ? new HelpTool.Printer(out) : null;
                case "unpack" -> UnpackTool.quick(rest, out, err);
                case "inspect" -> InspectTool.quick(rest, out);
                case "view" -> ViewTool.quick(rest, out);
                case "size" -> SizeTool.quick(rest, out);
                default -> null;
            };
        } catch (QuickLine.Fallback e) {
            return null;
        }
    }
}
