package dev.layerbench.results;

import dev.layerbench.fs.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
        List<String> args = arguments(request.profile(), request.jmhArgs());
        Options cli;
        try {
            cli = new CommandLineOptions(args.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException("bad JMH arguments " + request.jmhArgs() + ": " + e.getMessage());
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
        try {
            Options options = new OptionsBuilder()
                    .parent(cli)
                    .resultFormat(ResultFormatType.JSON)
                    .result(tmp.toString())
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
            if (results.isEmpty() || Files.size(tmp) == 0) {
                throw new ResultsException(
                        "JMH produced no results for " + args + " (no benchmark matched, or all failed)");
            }
            AtomicFile.moveInto(tmp, target, AtomicFile.Durability.FILE_SYNCED);
            Path sidecar = new Sidecar(machine, request.profile().label(), args).writeFor(target);
            return new Recorded(target, sidecar, results.size());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The JMH command line a recording with {@code profile} and the extra arguments runs: the profile's options less
     * those the extra arguments name, the extra arguments, and the profile's benchmarks unless the extra arguments
     * name their own. What {@code record --print-args} prints and {@code .ci/bench-gate} runs with each jar.
     */
    public static List<String> arguments(Profile profile, List<String> jmhArgs) {
        try {
            boolean ownIncludes = !new CommandLineOptions(jmhArgs.toArray(String[]::new))
                    .getIncludes()
                    .isEmpty();
            return profile.args(jmhArgs, ownIncludes);
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException("bad JMH arguments " + jmhArgs + ": " + e.getMessage());
        }
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
