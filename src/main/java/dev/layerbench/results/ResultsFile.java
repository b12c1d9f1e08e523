package dev.layerbench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A JMH results file ({@code -rf json}): a JSON array with one object per benchmark, mode and parameter set. Reading
 * checks that it is one: anything else fails with a one-line {@link ResultsException} naming the file.
 *
 * @param path    where it was read from
 * @param results the results in file order, at most one per {@link BenchmarkKey}
 */
public record ResultsFile(Path path, List<BenchmarkResult> results) {

    public ResultsFile {
        results = List.copyOf(results);
    }

    public static ResultsFile read(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new ResultsException(path + ": no such file");
        }
        if (Files.isDirectory(path)) {
            throw new ResultsException(path + ": is a directory, not a JMH JSON results file");
        }
        JsonNode root;
        try (InputStream in = Files.newInputStream(path)) {
            root = Json.MAPPER.readTree(in);
        } catch (NoSuchFileException e) {
            throw new ResultsException(path + ": no such file");
        } catch (JsonProcessingException e) {
            throw new ResultsException(path + ": not JMH JSON results: " + Json.reason(e));
        }
        return parse(path, root);
    }

    static ResultsFile parse(Path path, JsonNode root) throws ResultsException {
        if (root == null || root.isMissingNode() || !root.isArray()) {
            throw new ResultsException(path + ": not JMH JSON results: expected an array of benchmark results"
                    + " (write one with -rf json)");
        }
        if (root.isEmpty()) {
            throw new ResultsException(path + ": no benchmark results in it (empty array)");
        }
        Map<BenchmarkKey, BenchmarkResult> byKey = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode n : root) {
            String where = path + ": result " + index;
            BenchmarkResult r = result(where, n);
            if (byKey.putIfAbsent(r.key(), r) != null) {
                throw new ResultsException(where + ": " + r.key().label() + " appears twice");
            }
            index++;
        }
        return new ResultsFile(path, new ArrayList<>(byKey.values()));
    }

    private static BenchmarkResult result(String where, JsonNode n) throws ResultsException {
        if (!n.isObject()
                || !n.path("benchmark").isTextual()
                || !n.path("mode").isTextual()
                || !n.path("primaryMetric").isObject()) {
            throw new ResultsException(where + ": not a JMH result (needs benchmark, mode and primaryMetric)");
        }
        SortedMap<String, String> params = new TreeMap<>();
        JsonNode p = n.path("params");
        if (p.isObject()) {
            for (Map.Entry<String, JsonNode> e : p.properties()) {
                params.put(e.getKey(), e.getValue().asText());
            }
        }
        BenchmarkKey key =
                new BenchmarkKey(n.get("benchmark").asText(), n.get("mode").asText(), params);
        Metric primary = metric(where + " (" + key.label() + ") primaryMetric", n.get("primaryMetric"))
                .orElseThrow(() -> new ResultsException(where + " (" + key.label() + "): primaryMetric has no score"));
        Map<String, Metric> secondary = new TreeMap<>();
        JsonNode s = n.path("secondaryMetrics");
        if (s.isObject()) {
            for (Map.Entry<String, JsonNode> e : s.properties()) {
                metric(where + " secondary metric " + e.getKey(), e.getValue())
                        .ifPresent(m -> secondary.put(e.getKey(), m));
            }
        }
        return new BenchmarkResult(
                key, n.path("threads").asInt(1), n.path("forks").asInt(0), primary, secondary);
    }

    /** A metric, or empty when its score is not a number (JMH writes "NaN" for metrics it could not compute). */
    private static Optional<Metric> metric(String where, JsonNode m) throws ResultsException {
        if (!m.isObject()) {
            throw new ResultsException(where + ": not an object");
        }
        double score = number(m.path("score"));
        if (!Double.isFinite(score)) {
            return Optional.empty();
        }
        String unit = m.path("scoreUnit").asText("");
        if (unit.isEmpty()) {
            throw new ResultsException(where + ": no scoreUnit");
        }
        List<List<Double>> raw = new ArrayList<>();
        JsonNode rd = m.path("rawData");
        if (rd.isArray()) {
            for (JsonNode fork : rd) {
                List<Double> values = new ArrayList<>();
                for (JsonNode v : fork) {
                    double x = number(v);
                    if (Double.isFinite(x)) {
                        values.add(x);
                    }
                }
                raw.add(Collections.unmodifiableList(values));
            }
        }
        SortedMap<Double, Double> percentiles = new TreeMap<>();
        JsonNode pc = m.path("scorePercentiles");
        if (pc.isObject()) {
            for (Map.Entry<String, JsonNode> e : pc.properties()) {
                double value = number(e.getValue());
                try {
                    if (Double.isFinite(value)) {
                        percentiles.put(Double.parseDouble(e.getKey()), value);
                    }
                } catch (NumberFormatException ignored) {
                    // not a percentile key: skip
                }
            }
        }
        return Optional.of(new Metric(score, number(m.path("scoreError")), unit, raw, percentiles));
    }

    /** A JSON number, or a string JMH wrote for one ("NaN", "Infinity"); NaN when absent or not a number. */
    private static double number(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** The result for a key, if this file has it. */
    public Optional<BenchmarkResult> get(BenchmarkKey key) {
        return results.stream().filter(r -> r.key().equals(key)).findFirst();
    }

    /** The file's name without {@code .json}, used to name its sidecar and report. */
    public String baseName() {
        String name = path.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }
}
