package dev.layerbench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The JMH settings a recorded run uses, as one or more JMH invocations ({@link Run}s) run one after the other.
 *
 * <p>{@code ci} is the regression gate's set: one small, fast point of every benchmark family, in six invocations,
 * because one JMH argument list cannot serve them all (JMH's iteration options are global to an invocation, a
 * {@code -p} reaches every benchmark of the invocation with a parameter of that name, and the gate passes the same
 * arguments to the base jar, so the benchmarks' own annotations cannot differ per point):
 * <ol>
 *   <li>timed points, 1 s warm-up and five 200 ms iterations: one copy-up of 1 MiB; creating containers in the
 *       shared and flat layouts at N=10; a union lookup at depth 32;
 *   <li>memory and cold start, timed the same way: the shared layout at N=10 with {@code read=all} on a loop ext4
 *       (the page cache its files hold per container after the ten read their image, which the gate compares as
 *       its own row, {@link ForkSamples#GATED_SECONDARY}; a cold start is a drop of the page cache, so the files
 *       must sit on a filesystem whose cache can be dropped, not the gate's tmpfs), and {@code busybox true}
 *       started with the page cache dropped in the shared layout (its reads replayed through the union view: the
 *       project's code; the flat layout's cold start is the kernel's exec from a copy);
 *   <li>unpacking a 1,000-file layer with each codec, single shots ({@code -bm ss}), 20 warm-up and 10 measured:
 *       the shots fall from about 60 to 35 ms between the 10th and the 17th (C2 compiles the per-file path), so
 *       fewer warm-up shots measure the JIT;
 *   <li>sizing 20 images, single shots, 30 warm-up and 10 measured: its shots settle after about 25 (150 to 115
 *       ms);
 *   <li>flattening the default synthetic image (about 170 ms) and the tool's one-file unpack as a whole process
 *       (about 170 ms), single shots, 8 warm-up and 10 measured;
 *   <li>the digest of 64 KiB (alone of the timed points because its {@code size} differs from the copy-up's) and a
 *       first lookup at depth 32, 1 s warm-up and ten 200 ms iterations: the first lookup settles only after about
 *       2.5 s.
 * </ol>
 * About 54 s for the six on 2 cores; {@code .ci/bench-gate} runs them with the base and the current jar in
 * alternation, each invocation one fork per point. {@code full} is every benchmark with the suite's defaults, for
 * the committed results, in one invocation; its options ({@link #jmhOptions()}) are also what
 * {@code java -jar target/benchmarks.jar} runs with no arguments: one fork, short warm-up and measurement, sized so
 * that the whole suite stays well under 20 minutes on 2 cores.
 *
 * <p>JMH options given with the run replace each invocation's option of the same name (every {@code -p} of it when
 * one is given). Benchmark regexes given with the run replace the invocations' own and keep only the invocations
 * whose benchmarks they name (a regex naming none of the profile's benchmarks runs with the first invocation's
 * options, the timed one), so a confirmation of {@code UnpackBench.unpack} runs with the single-shot settings.
 */
public enum Profile {
    CI(List.of(
            new Run(
                    timed(
                            "-p",
                            "size=1048576",
                            "-p",
                            "copyUp=STREAM",
                            "-p",
                            "durability=NONE",
                            "-p",
                            "layout=SHARED,FLAT",
                            "-p",
                            "n=10",
                            "-p",
                            "depth=32",
                            "-p",
                            "lookup=INDEXED",
                            "-p",
                            "target=hitBottom"),
                    List.of("CopyUpBench", "LayoutBench", "UnionLookupBench")),
            new Run(
                    timed("-p", "layout=SHARED", "-p", "n=10", "-p", "read=all", "-p", "filesystem=ext4"),
                    List.of("LayoutBench", "ColdStartBench")),
            new Run(shots(20, "-p", "codec=none,gzip,zstd", "-p", "files=1000"), List.of("UnpackBench")),
            new Run(shots(30, "-p", "images=20", "-p", "containers=1"), List.of("SizingBench")),
            new Run(shots(8), List.of("FlattenBench", "StartupBench")),
            new Run(
                    timed(10, "-p", "size=65536", "-p", "depth=32", "-p", "index=MERGED"),
                    List.of("DigestBench.oneStream", "FirstLookupBench")))),
    FULL(List.of(new Run(
            options("-f", "1", "-wi", "1", "-w", "1s", "-i", "3", "-r", "1s", "-foe", "true", "-e", "GateProbeBench"),
            List.of(".*"))));

    /** The line {@code record --print-args} prints between two invocations' arguments. */
    public static final String NEXT_RUN = ";";

    /**
     * One JMH invocation of a profile.
     *
     * @param options  flag and value pairs, in order; a flag may repeat ({@code -p})
     * @param includes the benchmark regexes it runs
     */
    public record Run(List<List<String>> options, List<String> includes) {
        public Run {
            options = List.copyOf(options);
            includes = List.copyOf(includes);
            if (includes.isEmpty()) {
                throw new IllegalArgumentException("a profile run needs benchmark regexes");
            }
        }

        /** The options alone, flattened. */
        public List<String> flatOptions() {
            List<String> out = new ArrayList<>();
            options.forEach(out::addAll);
            return out;
        }

        /** Whether {@code regex} (a benchmark regex given with a run) names one of this run's benchmarks. */
        boolean names(String regex) {
            for (String own : includes) {
                if (finds(own, regex) || finds(regex, own)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean finds(String regex, String text) {
            try {
                return Pattern.compile(regex).matcher(text).find();
            } catch (PatternSyntaxException e) {
                return false;
            }
        }

        List<String> args(List<String> extraOptions, List<String> benchmarks) {
            List<String> out = new ArrayList<>();
            for (List<String> pair : options) {
                if (!extraOptions.contains(pair.get(0))) {
                    out.addAll(pair);
                }
            }
            out.addAll(extraOptions);
            out.addAll(benchmarks.isEmpty() ? includes : benchmarks);
            return out;
        }
    }

    private final List<Run> runs;

    Profile(List<Run> runs) {
        this.runs = List.copyOf(runs);
    }

    /** The timed points' settings (one 1 s warm-up, five 200 ms iterations), then {@code points} ({@code -p} pairs). */
    private static List<List<String>> timed(String... points) {
        return timed(5, points);
    }

    /** One 1 s warm-up and {@code iterations} of 200 ms, then {@code points} ({@code -p} pairs). */
    private static List<List<String>> timed(int iterations, String... points) {
        List<List<String>> m = new ArrayList<>(
                options("-f", "1", "-wi", "1", "-w", "1s", "-i", "" + iterations, "-r", "200ms", "-foe", "true"));
        m.addAll(options(points));
        return List.copyOf(m);
    }

    /** Single shots: {@code warmups} warm-up shots and ten measured, then {@code points} ({@code -p} pairs). */
    private static List<List<String>> shots(int warmups, String... points) {
        List<List<String>> m =
                new ArrayList<>(options("-f", "1", "-bm", "ss", "-wi", "" + warmups, "-i", "10", "-foe", "true"));
        m.addAll(options(points));
        return List.copyOf(m);
    }

    private static List<List<String>> options(String... pairs) {
        List<List<String>> m = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.add(List.of(pairs[i], pairs[i + 1]));
        }
        return List.copyOf(m);
    }

    /** Lower-case name as used on the command line and in file names. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The JMH invocations, in the order they run. */
    public List<Run> runs() {
        return runs;
    }

    /** Every invocation's benchmark regexes. */
    public List<String> includes() {
        List<String> out = new ArrayList<>();
        runs.forEach(r -> out.addAll(r.includes()));
        return out;
    }

    /** The first invocation's JMH options alone, without its benchmark regexes. */
    public List<String> jmhOptions() {
        return runs.getFirst().flatOptions();
    }

    /** JMH flags that take no value. */
    private static final java.util.Set<String> NO_VALUE = java.util.Set.of("-h", "-l", "-lp", "-lprof", "-lrf");

    /**
     * The JMH command lines for this profile with {@code extra} arguments, one per invocation: each invocation's
     * options the extra arguments name are dropped; when the extra arguments hold benchmark regexes (its positional
     * arguments), each invocation keeps those that name its benchmarks, in place of its own, and invocations naming
     * none are left out (when no invocation is named, the first one runs them all).
     */
    public List<List<String>> invocations(List<String> extra) {
        List<String> extraOptions = new ArrayList<>();
        List<String> extraIncludes = new ArrayList<>();
        for (int i = 0; i < extra.size(); i++) {
            String t = extra.get(i);
            if (t.startsWith("-") && t.length() > 1) {
                extraOptions.add(t);
                if (!NO_VALUE.contains(t) && i + 1 < extra.size()) {
                    extraOptions.add(extra.get(++i));
                }
            } else {
                extraIncludes.add(t);
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (Run r : runs) {
            List<String> named = extraIncludes.stream().filter(r::names).toList();
            if (extraIncludes.isEmpty() || !named.isEmpty()) {
                out.add(List.copyOf(r.args(extraOptions, named)));
            }
        }
        if (out.isEmpty()) {
            out.add(List.copyOf(runs.getFirst().args(extraOptions, extraIncludes)));
        }
        return List.copyOf(out);
    }

    /** The invocations one per line as {@code record --print-args} prints them, {@link #NEXT_RUN} between two. */
    public static List<String> printed(List<List<String>> invocations) {
        List<String> out = new ArrayList<>();
        for (List<String> inv : invocations) {
            if (!out.isEmpty()) {
                out.add(NEXT_RUN);
            }
            out.addAll(inv);
        }
        return out;
    }
}
