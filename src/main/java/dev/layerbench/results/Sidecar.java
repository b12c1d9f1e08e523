package dev.layerbench.results;

import dev.layerbench.fs.AtomicFile;
import dev.layerbench.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What is written next to a results file {@code NAME.json} as {@code NAME.machine.json}: the machine it ran on, the
 * profile and the JMH arguments it ran with.
 */
public record Sidecar(MachineInfo machine, String profile, List<String> jmhArgs) {

    public static final String SUFFIX = ".machine.json";

    public Sidecar {
        Objects.requireNonNull(machine, "machine");
        jmhArgs = jmhArgs == null ? List.of() : List.copyOf(jmhArgs);
    }

    /** {@code results/x.json} -> {@code results/x.machine.json}. */
    public static Path pathFor(Path resultsFile) {
        String name = resultsFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return resultsFile.resolveSibling(base + SUFFIX);
    }

    /** Writes the sidecar of {@code resultsFile} atomically. */
    public Path writeFor(Path resultsFile) throws IOException {
        Path target = pathFor(resultsFile);
        AtomicFile.write(
                target,
                AtomicFile.Durability.FILE_SYNCED,
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        return target;
    }

    /** The sidecar of a results file, when there is a readable one. */
    public static Optional<Sidecar> find(Path resultsFile) {
        Path p = pathFor(resultsFile);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(p.toFile(), Sidecar.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** One line: date, machine class, commit, profile. */
    public String summary() {
        String commit = machine.gitCommit().length() > 12 ? machine.gitCommit().substring(0, 12) : machine.gitCommit();
        return machine.date() + ", " + machine.machineClass() + ", "
                + machine.jdk().split(" \\(")[0] + ", commit " + commit + (machine.gitDirty() ? "+dirty" : "")
                + (profile == null ? "" : ", profile " + profile);
    }
}
