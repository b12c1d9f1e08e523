package dev.layerbench.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JMH settings a recorded run uses. {@code ci} is the gate's short subset (one fork, one 1 s warm-up, three 1 s
 * measurements; the calibration and the digest benchmarks, about 1 minute on 2 cores); {@code full} is every
 * benchmark with the suite's defaults, for the committed results. JMH options given with the run replace the
 * profile's option of the same name; benchmark regexes given replace the profile's.
 */
public enum Profile {
    CI(options("-f", "1", "-wi", "1", "-w", "1s", "-i", "3", "-r", "1s", "-foe", "true"),
            List.of("CalibrationBench", "DigestBench.oneStream")),
    FULL(options("-f", "1", "-wi", "1", "-w", "1s", "-i", "3", "-r", "1s", "-foe", "true", "-e", "GateProbeBench"),
            List.of(".*"));

    private final Map<String, String> options;
    private final List<String> includes;

    Profile(Map<String, String> options, List<String> includes) {
        this.options = options;
        this.includes = includes;
    }

    private static Map<String, String> options(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** Lower-case name as used on the command line and in file names. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public List<String> includes() {
        return includes;
    }

    /**
     * The JMH command line for this profile with {@code extra} arguments: each profile option the extra arguments
     * name is dropped, and the profile's benchmark regexes are used only when {@code extraHasIncludes} is false.
     */
    public List<String> args(List<String> extra, boolean extraHasIncludes) {
        List<String> out = new java.util.ArrayList<>();
        options.forEach((flag, value) -> {
            if (!extra.contains(flag)) {
                out.add(flag);
                out.add(value);
            }
        });
        out.addAll(extra);
        if (!extraHasIncludes) {
            out.addAll(includes);
        }
        return out;
    }
}
