package dev.layerbench.peers;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's own command line, for whole-process rows: the JDK running this process and the jar this code came
 * from ({@code java -jar target/benchmarks.jar TOOL ...}); when the code runs from classes (tests), the same class
 * path and the main class instead.
 */
public record ProjectCommand(List<String> prefix) {

    static final String MAIN = "dev.layerbench.cli.Main";

    public ProjectCommand {
        prefix = List.copyOf(prefix);
    }

    /** This process's JDK and jar (or class path). */
    public static ProjectCommand current() {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> p = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        Path source = codeSource();
        if (source != null && Files.isRegularFile(source) && source.toString().endsWith(".jar")) {
            p.addAll(List.of("-jar", source.toString()));
        } else {
            p.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN));
        }
        return new ProjectCommand(p);
    }

    private static Path codeSource() {
        try {
            var cs = ProjectCommand.class.getProtectionDomain().getCodeSource();
            return cs == null ? null : Path.of(cs.getLocation().toURI());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The command line running the tool with these arguments. */
    public List<String> tool(String... args) {
        List<String> c = new ArrayList<>(prefix);
        c.addAll(List.of(args));
        return c;
    }

    /** How the command is shown in the table: {@code java -jar benchmarks.jar ARGS} (class path elided). */
    public String show(String... args) {
        int jar = prefix.indexOf("-jar");
        String head = jar >= 0 ? "java -jar " + Path.of(prefix.get(jar + 1)).getFileName() : "java -cp ... " + MAIN;
        return head + " " + String.join(" ", args);
    }
}
