package dev.layerbench.cli;

import dev.layerbench.results.Profile;
import dev.layerbench.results.Recorder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code record [--profile ci|full] [--out DIR] [--name NAME.json] [JMH-ARGS...]}: runs the suite with a profile and
 * writes {@code DIR/<date>-<machine-class>-<profile>.json} (JMH {@code -rf json}) and its {@code .machine.json}
 * sidecar. JMH arguments replace the profile's option of the same name; benchmark regexes replace its subset.
 */
@Command(
        name = "record",
        mixinStandardHelpOptions = true,
        description = RecordTool.DESCRIPTION,
        customSynopsis = "benchmarks.jar record [--profile ci|full] [--out DIR] [--name NAME.json] [JMH-ARGS...]",
        footer = {
            "",
            "JMH-ARGS: JMH options (-f 3, -i 5, -p size=4096, -prof gc...) and benchmark regexes; an option "
                    + "replaces the profile's option of the same name, regexes replace the profile's benchmarks.",
            "Writes DIR/<yyyy-MM-ddTHHmmZ>-<machine class>-<profile>.json and .machine.json, both atomically."
        })
final class RecordTool implements Callable<Integer> {

    /** Its line in {@code help} (a constant: the list is printed without loading the tool). */
    static final String DESCRIPTION =
            "Run the suite with a profile (ci or full) and write dated JMH JSON results plus a .machine.json sidecar.";

    enum ProfileName {
        ci,
        full
    }

    @Option(
            names = "--profile",
            defaultValue = "full",
            paramLabel = "PROFILE",
            description =
                    "ci: the gate's short subset; full: every benchmark, suite defaults (default: ${DEFAULT-VALUE}).")
    ProfileName profile;

    @Option(
            names = "--out",
            defaultValue = "results",
            paramLabel = "DIR",
            description = "Directory for the files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--name",
            paramLabel = "NAME.json",
            description = "Exact results file name instead of the dated one.")
    String name;

    @Option(
            names = "--print-args",
            description = "Print the profile's JMH arguments, one per line, a line '" + Profile.NEXT_RUN
                    + "' between two JMH invocations, and run nothing.")
    boolean printArgs;

    @Unmatched
    List<String> jmhArgs = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        Profile p = profile == ProfileName.ci ? Profile.CI : Profile.FULL;
        if (printArgs) {
            Profile.printed(Recorder.arguments(p, jmhArgs)).forEach(stdout::println);
            stdout.flush();
            return 0;
        }
        Recorder.Recorded r = Recorder.record(new Recorder.Request(p, jmhArgs, out, name, Path.of("")));
        stdout.println("recorded " + r.benchmarks() + " results: " + r.results() + " (machine: " + r.sidecar() + ")");
        stdout.flush();
        return 0;
    }
}
