package dev.layerbench.cli;

import dev.layerbench.json.Json;
import dev.layerbench.results.MachineInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code machine [--class]}: this machine as the results sidecar describes it, or only its class (baseline name). */
@Command(name = "machine", mixinStandardHelpOptions = true, description = MachineTool.DESCRIPTION)
final class MachineTool implements Callable<Integer> {

    /** Its line in {@code help} (a constant: the list is printed without loading the tool). */
    static final String DESCRIPTION =
            "Print this machine as a results sidecar describes it (JSON), or --class: the slug baselines are named by.";

    @Option(names = "--class", description = "Print only the machine class, e.g. amd-epyc-2c.")
    boolean classOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        MachineInfo m = MachineInfo.capture(Path.of(""));
        out.println(
                classOnly
                        ? m.machineClass()
                        : Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(m));
        out.flush();
        return 0;
    }
}
