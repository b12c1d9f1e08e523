package dev.layerbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerbench.fs.AtomicFile;
import dev.layerbench.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The gate's own evidence: false alarms in A/A runs (the same jar on both sides) and the detection rate of planted
 * slow-downs, per benchmark, read from the run directories {@code .ci/bench-gate --self-test} leaves: {@code aa-NN/}
 * and {@code slow-0.10-NN/}, each with {@code first/gate.json} and, when the first comparison flagged something,
 * {@code confirm/gate.json}. A benchmark is flagged in a run when both flagged it, as the gate itself decides.
 */
public final class GateSelfTest {

    private static final Pattern RUN = Pattern.compile("(aa|slow-([0-9.]+))-\\d+");

    /** Per benchmark: runs and flags per kind ("A/A" or a slow-down fraction), and the first runs' MDEs. */
    public record Tally(Map<String, int[]> byKind, List<Double> mdes) {}

    private GateSelfTest() {}

    public static Map<String, Tally> read(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new ResultsException(root + ": not a directory of self-test runs");
        }
        Map<String, Tally> out = new TreeMap<>();
        List<Path> runs;
        try (Stream<Path> s = Files.list(root)) {
            runs = s.filter(p -> RUN.matcher(p.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        }
        if (runs.isEmpty()) {
            throw new ResultsException(root + ": no self-test runs in it (aa-NN/ or slow-F-NN/)");
        }
        for (Path run : runs) {
            Matcher m = RUN.matcher(run.getFileName().toString());
            m.matches();
            String kind = m.group(2) == null
                    ? "A/A"
                    : String.format(Locale.ROOT, "%.0f%%", Double.parseDouble(m.group(2)) * 100);
            Path first = run.resolve("first/gate.json");
            if (!Files.exists(first)) {
                continue; // a run that did not finish
            }
            JsonNode f = Json.MAPPER.readTree(first.toFile());
            Set<String> confirmed = new TreeSet<>();
            Path confirm = run.resolve("confirm/gate.json");
            if (Files.exists(confirm)) {
                confirmed.addAll(GateReport.regressedLabels(Json.MAPPER.readTree(confirm.toFile())));
            }
            Set<String> flagged = new TreeSet<>(GateReport.regressedLabels(f));
            flagged.retainAll(confirmed);
            for (JsonNode b : f.path("benchmarks")) {
                String label = b.path("label").asText();
                if (!tallied(kind, label)) {
                    continue;
                }
                Tally t = out.computeIfAbsent(label, k -> new Tally(new TreeMap<>(), new ArrayList<>()));
                int[] c = t.byKind().computeIfAbsent(kind, k -> new int[2]);
                c[0]++;
                if (flagged.contains(label)) {
                    c[1]++;
                }
                if (kind.equals("A/A")) {
                    t.mdes().add(b.path("mde").asDouble());
                }
            }
        }
        return out;
    }

    /**
     * Whether a row counts for {@code kind}: every row in the A/A runs; in the planted ones, only the times, not a
     * gated secondary metric ({@code Class.method:metric}, a count such as the page cache): the planted hook slows
     * the operation down and cannot change a count, so its "detected 0" would say nothing.
     */
    static boolean tallied(String kind, String label) {
        return kind.equals("A/A") || !BenchmarkKey.labelsMetric(label);
    }

    public static String markdown(Map<String, Tally> tallies) {
        Set<String> kinds = new TreeSet<>((a, b) -> a.equals(b)
                ? 0
                : a.equals("A/A")
                        ? -1
                        : b.equals("A/A")
                                ? 1
                                : Double.compare(
                                        Double.parseDouble(a.replace("%", "")),
                                        Double.parseDouble(b.replace("%", ""))));
        tallies.values().forEach(t -> kinds.addAll(t.byKind().keySet()));
        List<String> cols = new ArrayList<>();
        cols.add("benchmark");
        for (String k : kinds) {
            cols.add(">" + (k.equals("A/A") ? "false alarms (A/A)" : "detected " + k));
        }
        cols.add(">median MDE (A/A)");
        Table t = new Table(cols.toArray(String[]::new));
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            List<Object> row = new ArrayList<>();
            row.add(e.getKey());
            for (String k : kinds) {
                int[] c = e.getValue().byKind().get(k);
                row.add(c == null ? "-" : c[1] + "/" + c[0]);
            }
            List<Double> m = new ArrayList<>(e.getValue().mdes());
            Collections.sort(m);
            row.add(m.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * m.get(m.size() / 2)));
            t.add(row.toArray());
        }
        return t.markdown();
    }

    public static void write(Path dir, Map<String, Tally> tallies) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("benchmarks");
        tallies.forEach((label, t) -> {
            ObjectNode o = arr.addObject();
            o.put("label", label);
            ObjectNode kinds = o.putObject("runs");
            t.byKind().forEach((k, c) -> kinds.putObject(k).put("runs", c[0]).put("flagged", c[1]));
            ArrayNode mdes = o.putArray("mdes");
            t.mdes().forEach(mdes::add);
        });
        AtomicFile.write(
                dir.resolve("self-test.json"),
                AtomicFile.Durability.FILE_SYNCED,
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        AtomicFile.write(
                dir.resolve("self-test.md"),
                AtomicFile.Durability.FILE_SYNCED,
                markdown(tallies).getBytes(StandardCharsets.UTF_8));
    }
}
