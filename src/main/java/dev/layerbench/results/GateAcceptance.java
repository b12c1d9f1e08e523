package dev.layerbench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Slow-downs the project has accepted on purpose, one per line of a committed file (results/gate/accepted.tsv):
 * {@code BASE-COMMIT <TAB> BENCHMARK-LABEL-PREFIX <TAB> MAX-RATIO <TAB> WHY}. A confirmed regression is accepted only
 * when the gate's base is that commit (so an acceptance lapses when the baseline moves), its label starts with the
 * prefix, and the whole confidence interval lies at or below the ratio; the gate prints it, with its reason, and
 * does not fail on it. Anything larger, or on another benchmark, still fails. Lines starting with {@code #} and
 * blank lines are ignored.
 */
public record GateAcceptance(String baseCommit, String labelPrefix, double maxRatio, String why) {

    public GateAcceptance {
        if (baseCommit == null || !baseCommit.matches("[0-9a-f]{7,40}")) {
            throw new IllegalArgumentException(
                    "accepted slow-down: base commit must be 7-40 hex digits, got " + baseCommit);
        }
        if (labelPrefix == null || labelPrefix.isBlank()) {
            throw new IllegalArgumentException("accepted slow-down: empty benchmark label");
        }
        if (!(maxRatio > 1) || Double.isInfinite(maxRatio)) {
            throw new IllegalArgumentException(
                    "accepted slow-down: max ratio must be a number above 1, got " + maxRatio);
        }
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("accepted slow-down of " + labelPrefix + ": say why");
        }
    }

    /** Reads the file; bad lines fail with one line naming the file and line. */
    public static List<GateAcceptance> read(Path file) throws IOException {
        List<GateAcceptance> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 4);
            try {
                if (f.length != 4) {
                    throw new IllegalArgumentException("expected 4 tab-separated fields, got " + f.length);
                }
                out.add(new GateAcceptance(f[0].strip(), f[1].strip(), Double.parseDouble(f[2].strip()), f[3].strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /** The acceptance covering {@code row} measured against {@code base} (a commit or its prefix), if any. */
    public static Optional<GateAcceptance> covering(List<GateAcceptance> accepted, String base, GateCheck.Row row) {
        for (GateAcceptance a : accepted) {
            boolean sameBase = base.startsWith(a.baseCommit) || a.baseCommit.startsWith(base);
            // a benchmark's acceptance does not cover its gated secondary metric (a time accepted, not a memory growth)
            if (sameBase
                    && row.key().label().startsWith(a.labelPrefix)
                    && (!row.key().isMetric() || BenchmarkKey.labelsMetric(a.labelPrefix))
                    && row.high() <= a.maxRatio) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** One line for the gate's output. */
    public String describe(GateCheck.Row row) {
        return String.format(
                Locale.ROOT,
                "gate: accepted slow-down of %s: ratio %s %s <= %.2f against %s (%s; results/gate/accepted.tsv)",
                row.key().label(),
                row.ratioText(),
                row.intervalText(),
                maxRatio,
                baseCommit,
                why);
    }
}
