package dev.layerbench.results;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.layerbench.fs.AtomicFile;
import dev.layerbench.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH suite with a {@link Profile} and writes its JSON results and their {@link Sidecar}, both atomically,
 * under names that sort by date: {@code 2026-11-28T0700Z-amd-epyc-2c-ci.json} and {@code ...ci.machine.json}.
 */
public final class Recorder {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    /**
     * @param profile  JMH settings and benchmark subset
     * @param jmhArgs  extra JMH arguments (options and benchmark regexes)
     * @param outDir   where the files go (created if absent)
     * @param fileName exact results file name, or null for the dated name
     * @param workDir  the checkout the run is made from (git commit, file system)
     */
    public record Request(Profile profile, List<String> jmhArgs, Path outDir, String fileName, Path workDir) {
        public Request {
            jmhArgs = List.copyOf(jmhArgs);
            if (fileName != null
                    && (fileName.contains("/") || !fileName.endsWith(".json") || fileName.endsWith(Sidecar.SUFFIX))) {
                throw new IllegalArgumentException(
                        "results file name must be a plain NAME.json (not .machine.json): " + fileName);
            }
        }
    }

    /** What a recording wrote. */
    public record Recorded(Path results, Path sidecar, int benchmarks) {}

    private Recorder() {}

    /** The dated file name for a run started at {@code start} on {@code machine} with {@code profile}. */
    public static String datedName(Instant start, MachineInfo machine, Profile profile) {
        return STAMP.format(start) + "-" + machine.machineClass() + "-" + profile.label() + ".json";
    }

    public static Recorded record(Request request) throws IOException {
        MachineInfo machine = MachineInfo.capture(request.workDir());
        List<List<String>> invocations = arguments(request.profile(), request.jmhArgs());
        List<Options> clis = new ArrayList<>();
        for (List<String> args : invocations) {
            try {
                clis.add(new CommandLineOptions(args.toArray(String[]::new)));
            } catch (CommandLineOptionException e) {
                throw new IllegalArgumentException("bad JMH arguments " + request.jmhArgs() + ": " + e.getMessage());
            }
        }
        Files.createDirectories(request.outDir());
        Path target = request.outDir()
                .resolve(
                        request.fileName() != null
                                ? request.fileName()
                                : unused(
                                        request.outDir(),
                                        datedName(Instant.parse(machine.date()), machine, request.profile())));
        Path tmp = Files.createTempFile(request.outDir(), "." + target.getFileName(), ".tmp");
        Path part = Files.createTempFile(request.outDir(), "." + target.getFileName(), ".part");
        try {
            // each invocation's JSON array into one array, in the order they ran
            ArrayNode all = Json.MAPPER.createArrayNode();
            int count = 0;
            for (int i = 0; i < clis.size(); i++) {
                Options options = new OptionsBuilder()
                        .parent(clis.get(i))
                        .resultFormat(ResultFormatType.JSON)
                        .result(part.toString())
                        .build();
                Collection<RunResult> results;
                try {
                    results = new Runner(options).run();
                } catch (RunnerException e) {
                    throw new ResultsException(
                            "JMH run failed: "
                                    + (e.getMessage() == null ? e : e.getMessage())
                                            .toString()
                                            .replace('\n', ' '),
                            e);
                }
                if (results.isEmpty() || Files.size(part) == 0) {
                    throw new ResultsException("JMH produced no results for " + invocations.get(i)
                            + " (no benchmark matched, or all failed)");
                }
                count += results.size();
                Json.MAPPER.readTree(part.toFile()).forEach(all::add);
            }
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), all);
            AtomicFile.moveInto(tmp, target, AtomicFile.Durability.FILE_SYNCED);
            Path sidecar =
                    new Sidecar(machine, request.profile().label(), Profile.printed(invocations)).writeFor(target);
            return new Recorded(target, sidecar, count);
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(part);
        }
    }

    /**
     * The JMH command lines a recording with {@code profile} and the extra arguments runs, one per invocation of the
     * profile ({@link Profile#invocations}). What {@code record --print-args} prints and {@code .ci/bench-gate} runs
     * with each jar.
     */
    public static List<List<String>> arguments(Profile profile, List<String> jmhArgs) {
        try {
            new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException("bad JMH arguments " + jmhArgs + ": " + e.getMessage());
        }
        return profile.invocations(jmhArgs);
    }

    /** {@code name}, or {@code name-2.json}, {@code -3}... when a file of that name is already there. */
    private static String unused(Path dir, String name) {
        String base = name.substring(0, name.length() - 5);
        String candidate = name;
        for (int i = 2; Files.exists(dir.resolve(candidate)); i++) {
            candidate = base + "-" + i + ".json";
        }
        return candidate;
    }
}
