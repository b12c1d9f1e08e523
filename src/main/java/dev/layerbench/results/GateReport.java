package dev.layerbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerbench.fs.AtomicFile;
import dev.layerbench.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The gate's table, one row per benchmark (base, current, ratio, interval, MDE, verdict), as text for the log and as
 * the JSON ({@code gate.json}) and markdown ({@code gate.md}) written under the gate's output directory.
 */
public final class GateReport {

    private GateReport() {}

    public static String text(List<GateCheck.Row> rows, boolean markdown) {
        Table t = new Table("benchmark", ">forks", ">base", ">current", "unit", ">ratio", ">95% CI", ">MDE", "verdict");
        for (GateCheck.Row r : rows) {
            t.add(
                    r.key().label(),
                    r.baseForks() + "+" + r.currentForks(),
                    Table.number(r.base()),
                    Table.number(r.current()),
                    r.unit(),
                    r.ratioText(),
                    r.intervalText(),
                    r.mdeText(),
                    r.verdict().label());
        }
        return markdown ? t.markdown() : t.text();
    }

    public static long regressions(List<GateCheck.Row> rows) {
        return rows.stream().filter(r -> r.verdict() == Verdict.REGRESSION).count();
    }

    /** Writes {@code gate.json} and {@code gate.md} into {@code dir}, atomically. */
    public static void write(Path dir, List<GateCheck.Row> rows, ObjectNode meta) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.setAll(meta);
        ArrayNode arr = root.putArray("benchmarks");
        for (GateCheck.Row r : rows) {
            ObjectNode o = arr.addObject();
            o.put("benchmark", r.key().benchmark());
            o.put("mode", r.key().mode());
            ObjectNode p = o.putObject("params");
            r.key().params().forEach(p::put);
            o.put("label", r.key().label());
            o.put("unit", r.unit());
            o.put("baseForks", r.baseForks());
            o.put("currentForks", r.currentForks());
            o.put("base", r.base());
            o.put("current", r.current());
            o.put("ratio", r.ratio());
            o.put("ciLow", r.low());
            o.put("ciHigh", r.high());
            o.put("mde", r.mde());
            o.put("verdict", r.verdict().name());
        }
        AtomicFile.write(
                dir.resolve("gate.json"),
                AtomicFile.Durability.FILE_SYNCED,
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        AtomicFile.write(
                dir.resolve("gate.md"),
                AtomicFile.Durability.FILE_SYNCED,
                text(rows, true).getBytes(StandardCharsets.UTF_8));
    }

    /** The labels of the benchmarks a written {@code gate.json} found regressed. */
    public static Set<String> regressedLabels(JsonNode gateJson) {
        Set<String> out = new TreeSet<>();
        for (JsonNode b : gateJson.path("benchmarks")) {
            if (Verdict.REGRESSION.name().equals(b.path("verdict").asText())) {
                out.add(b.path("label").asText());
            }
        }
        return out;
    }

    /** JMH benchmark regexes ({@code Class.method}, anchored by JMH's substring match) of the given rows. */
    public static List<String> classPatterns(List<GateCheck.Row> rows) {
        List<String> out = new ArrayList<>();
        for (GateCheck.Row r : rows) {
            String p = r.key().benchmarkShortName(); // a secondary metric is re-measured by running its benchmark
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
