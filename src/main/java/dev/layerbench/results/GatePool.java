package dev.layerbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The gate's self-test from pools of forks ({@code .ci/bench-gate --self-test --pool N}): the current jar's whole
 * {@code ci} profile run fork by fork, plain ({@code plain-NN.json}) and with each planted slow-down
 * ({@code slow-F-NN.json}), all in one random order so drift in time falls on every pool alike. Each simulated gate
 * draws disjoint forks from the pools: an A/A gate takes {@code rounds} plain forks per side, a planted gate
 * {@code rounds} plain against {@code rounds} planted; a benchmark the first comparison flags is compared again on
 * other forks of the same pools, and counts as flagged when both comparisons flag it, as {@code .ci/bench-gate}
 * decides.
 *
 * <p>What it is and is not: every fork is a real run, but the simulated gates share forks, so their outcomes are not
 * independent, and the rates are estimates from resampling a pool (a pool of 16 plain forks gives many A/A splits but
 * only 16 forks' worth of information). It costs one fork per pool entry (about a minute each here) where
 * independent gates cost 8 to 16 forks each: 48 forks against 7 to 8 hours for 20 A/A and 4 x 10 planted gates.
 */
public final class GatePool {

    private static final Pattern FILE = Pattern.compile("(plain|slow-([0-9.]+))-\\d+\\.json");

    /** The pools: the plain forks, and the planted forks per slow-down fraction, each a map per benchmark. */
    private final List<Map<BenchmarkKey, ForkSamples>> plain;

    private final Map<Double, List<Map<BenchmarkKey, ForkSamples>>> planted;

    /** Planted fractions with fewer forks than a gate and its confirmation need: left out, and said so. */
    private final Map<Double, Integer> tooFew;

    private final int rounds;

    private GatePool(
            List<Map<BenchmarkKey, ForkSamples>> plain,
            Map<Double, List<Map<BenchmarkKey, ForkSamples>>> planted,
            Map<Double, Integer> tooFew,
            int rounds) {
        this.plain = plain;
        this.planted = planted;
        this.tooFew = tooFew;
        this.rounds = rounds;
    }

    /**
     * Reads the pool directory; one line naming the directory or file when it cannot serve a self-test. A planted
     * fraction with fewer than {@code 2 * rounds} forks is left out ({@link #describe()} says so).
     */
    public static GatePool read(Path dir, int rounds) throws IOException {
        if (rounds < 2) {
            throw new ResultsException("rounds must be at least 2: " + rounds);
        }
        if (!Files.isDirectory(dir)) {
            throw new ResultsException(dir + ": not a directory of pooled forks");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> FILE.matcher(p.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        }
        List<Map<BenchmarkKey, ForkSamples>> plain = new ArrayList<>();
        Map<Double, List<Map<BenchmarkKey, ForkSamples>>> planted = new TreeMap<>();
        for (Path f : files) {
            Matcher m = FILE.matcher(f.getFileName().toString());
            m.matches();
            Map<BenchmarkKey, ForkSamples> fork = ForkSamples.read(List.of(f));
            if (m.group(2) == null) {
                plain.add(fork);
            } else {
                planted.computeIfAbsent(Double.parseDouble(m.group(2)), k -> new ArrayList<>())
                        .add(fork);
            }
        }
        if (plain.size() < 4 * rounds) {
            throw new ResultsException(dir + ": " + plain.size() + " plain forks; an A/A gate and its confirmation"
                    + " need " + 4 * rounds + " (plain-NN.json)");
        }
        Map<Double, Integer> tooFew = new TreeMap<>();
        planted.entrySet().removeIf(e -> {
            if (e.getValue().size() >= 2 * rounds) {
                return false;
            }
            tooFew.put(e.getKey(), e.getValue().size());
            return true;
        });
        return new GatePool(plain, planted, tooFew, rounds);
    }

    /**
     * {@code draws} simulated gates of each kind (A/A, then each planted fraction), seeded. Returns per benchmark the
     * tally {@link GateSelfTest} writes: gates and flags per kind, and the first A/A comparisons' MDEs.
     */
    public Map<String, GateSelfTest.Tally> simulate(GateCheck check, int rounds, int draws, long seed)
            throws ResultsException {
        Random random = new Random(seed);
        Map<String, GateSelfTest.Tally> out = new TreeMap<>();
        for (int d = 0; d < draws; d++) {
            List<Integer> p = shuffled(plain.size(), random);
            gate(
                    check,
                    "A/A",
                    pick(plain, p, 0, rounds),
                    pick(plain, p, rounds, rounds),
                    pick(plain, p, 2 * rounds, rounds),
                    pick(plain, p, 3 * rounds, rounds),
                    out);
        }
        for (var e : planted.entrySet()) {
            String kind = String.format(Locale.ROOT, "%.0f%%", e.getKey() * 100);
            for (int d = 0; d < draws; d++) {
                List<Integer> p = shuffled(plain.size(), random);
                List<Integer> s = shuffled(e.getValue().size(), random);
                gate(
                        check,
                        kind,
                        pick(plain, p, 0, rounds),
                        pick(e.getValue(), s, 0, rounds),
                        pick(plain, p, rounds, rounds),
                        pick(e.getValue(), s, rounds, rounds),
                        out);
            }
        }
        return out;
    }

    private static void gate(
            GateCheck check,
            String kind,
            Map<BenchmarkKey, ForkSamples> base,
            Map<BenchmarkKey, ForkSamples> current,
            Map<BenchmarkKey, ForkSamples> confirmBase,
            Map<BenchmarkKey, ForkSamples> confirmCurrent,
            Map<String, GateSelfTest.Tally> out)
            throws ResultsException {
        List<GateCheck.Row> first = check.compare(base, current);
        Set<String> flagged = labels(first);
        if (!flagged.isEmpty()) {
            flagged.retainAll(labels(check.compare(confirmBase, confirmCurrent)));
        }
        for (GateCheck.Row r : first) {
            String label = r.key().label();
            if (!GateSelfTest.tallied(kind, label)) {
                continue;
            }
            GateSelfTest.Tally t =
                    out.computeIfAbsent(label, k -> new GateSelfTest.Tally(new TreeMap<>(), new ArrayList<>()));
            int[] c = t.byKind().computeIfAbsent(kind, k -> new int[2]);
            c[0]++;
            if (flagged.contains(label)) {
                c[1]++;
            }
            if (kind.equals("A/A") && !Double.isNaN(r.mde())) {
                t.mdes().add(r.mde());
            }
        }
    }

    private static Set<String> labels(List<GateCheck.Row> rows) {
        Set<String> out = new TreeSet<>();
        for (GateCheck.Row r : rows) {
            if (r.verdict() == Verdict.REGRESSION) {
                out.add(r.key().label());
            }
        }
        return out;
    }

    private static List<Integer> shuffled(int n, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        return order;
    }

    /** The forks at {@code order[from, from + count)} pooled per benchmark, as one side of a gate. */
    private static Map<BenchmarkKey, ForkSamples> pick(
            List<Map<BenchmarkKey, ForkSamples>> pool, List<Integer> order, int from, int count) {
        Map<BenchmarkKey, ForkSamples> side = new TreeMap<>();
        for (int i = from; i < from + count; i++) {
            pool.get(order.get(i)).forEach((k, v) -> side.merge(k, v, ForkSamples::plus));
        }
        return side;
    }

    /** How many plain forks and forks per planted fraction the pool holds, for the report. */
    public String describe() {
        StringBuilder sb = new StringBuilder(plain.size() + " plain forks");
        planted.forEach((f, l) -> sb.append(String.format(Locale.ROOT, ", %d planted %.0f%%", l.size(), f * 100)));
        tooFew.forEach((f, n) -> sb.append(String.format(
                Locale.ROOT,
                "; planted %.0f%% left out (%d forks, a gate and its confirmation need %d)",
                f * 100,
                n,
                2 * rounds)));
        return sb.toString();
    }
}
