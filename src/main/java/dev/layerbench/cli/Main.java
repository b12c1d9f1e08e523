package dev.layerbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * What {@code target/benchmarks.jar} runs once its Main-Class, {@code Launcher} (compiled for Java 8), has checked
 * the Java version. A first argument naming a tool runs it; anything else goes to JMH unchanged, and no argument at
 * all runs the suite with the project's defaults ({@link SuiteDefaults}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--help")) {
            args = new String[] {"help"};
        }
        if (args.length > 0 && Tools.isTool(args[0])) {
            System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
        }
        List<String> jmhArgs = new ArrayList<>(args.length == 0 ? SuiteDefaults.args() : List.of(args));
        org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
    }

    /** Runs a tool; returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length > 1 && args[0].equals("digest") && Arrays.stream(args).skip(1).noneMatch(a -> a.startsWith("-"))) {
            return DigestTool.hash(Arrays.stream(args).skip(1).map(Path::of).toList(), out, err);
        }
        CommandLine cli = Tools.commandLine(args, out, err);
        return cli.execute(args);
    }
}
