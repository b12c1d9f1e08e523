package dev.layerbench.results;

import java.util.List;

/**
 * The JMH settings a recorded run uses. {@code ci} is the regression gate's set: one small, fast point of every
 * benchmark family (the digest of 1 MiB; unpacking a 1,000-file layer with each codec; flattening the default synthetic
 * image; a union lookup and a first lookup at depth 32; one copy-up of 1 MiB; creating containers in the shared and flat
 * layouts at N=10; sizing 100 images; the tool's one-file unpack as a whole process; {@code busybox true} started with the page cache
 * dropped, in the shared (replayed reads) and flat layouts), each in one fork with one 0.5 s
 * warm-up and four 0.5 s measurements, about 55 s per run on 2 cores; {@code .ci/bench-gate} runs it with the base and
 * the current jar in alternation. {@code full} is every benchmark with the suite's defaults, for the committed results;
 * its options ({@link #jmhOptions()}) are also what {@code java -jar target/benchmarks.jar} runs with no arguments: one
 * fork, short warm-up and measurement, sized so that the whole suite stays well under 20 minutes on 2 cores. JMH options given with the run replace the profile's option of the same name (every
 * {@code -p} of the profile when one is given); benchmark regexes replace the profile's.
 */
public enum Profile {
    CI(
            options(
                    "-f",
                    "1",
                    "-wi",
                    "1",
                    "-w",
                    "500ms",
                    "-i",
                    "4",
                    "-r",
                    "500ms",
                    "-foe",
                    "true",
                    "-p",
                    "size=1048576",
                    "-p",
                    "codec=none,gzip,zstd",
                    "-p",
                    "files=1000",
                    "-p",
                    "depth=32",
                    "-p",
                    "lookup=INDEXED",
                    "-p",
                    "target=hitBottom",
                    "-p",
                    "index=MERGED",
                    "-p",
                    "copyUp=STREAM",
                    "-p",
                    "durability=NONE",
                    "-p",
                    "layout=SHARED,FLAT",
                    "-p",
                    "n=10",
                    "-p",
                    "images=100",
                    "-p",
                    "containers=1"),
            List.of(
                    "DigestBench.oneStream",
                    "UnpackBench",
                    "FlattenBench",
                    "UnionLookupBench",
                    "FirstLookupBench",
                    "CopyUpBench",
                    "LayoutBench",
                    "SizingBench",
                    "StartupBench",
                    "ColdStartBench")),
    FULL(
            options("-f", "1", "-wi", "1", "-w", "1s", "-i", "3", "-r", "1s", "-foe", "true", "-e", "GateProbeBench"),
            List.of(".*"));

    /** Flag and value pairs, in order; a flag may repeat ({@code -p}). */
    private final List<List<String>> options;

    private final List<String> includes;

    Profile(List<List<String>> options, List<String> includes) {
        this.options = options;
        this.includes = includes;
    }

    private static List<List<String>> options(String... pairs) {
        List<List<String>> m = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.add(List.of(pairs[i], pairs[i + 1]));
        }
        return List.copyOf(m);
    }

    /** Lower-case name as used on the command line and in file names. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public List<String> includes() {
        return includes;
    }

    /** The profile's JMH options alone, without its benchmark regexes. */
    public List<String> jmhOptions() {
        return args(List.of(), true);
    }

    /**
     * The JMH command line for this profile with {@code extra} arguments: each profile option the extra arguments
     * name is dropped, and the profile's benchmark regexes are used only when {@code extraHasIncludes} is false.
     */
    public List<String> args(List<String> extra, boolean extraHasIncludes) {
        List<String> out = new java.util.ArrayList<>();
        for (List<String> pair : options) {
            if (!extra.contains(pair.get(0))) {
                out.addAll(pair);
            }
        }
        out.addAll(extra);
        if (!extraHasIncludes) {
            out.addAll(includes);
        }
        return out;
    }
}
