package dev.layerbench.results;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerbench.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes JMH-shaped JSON result files for tests, with the fields JMH 1.37 writes. */
final class JmhJson {

    private final ArrayNode root = Json.MAPPER.createArrayNode();

    static JmhJson results() {
        return new JmhJson();
    }

    /** A result with raw samples in one fork; scoreError as JMH would compute it is left to the caller (NaN here). */
    JmhJson add(
            String benchmark,
            String mode,
            Map<String, String> params,
            double score,
            double error,
            String unit,
            double... raw) {
        ObjectNode n = root.addObject();
        n.put("jmhVersion", "1.37");
        n.put("benchmark", benchmark);
        n.put("mode", mode);
        n.put("threads", 1);
        n.put("forks", 1);
        n.put("jdkVersion", "25");
        if (!params.isEmpty()) {
            ObjectNode p = n.putObject("params");
            params.forEach(p::put);
        }
        ObjectNode m = n.putObject("primaryMetric");
        m.put("score", score);
        if (Double.isNaN(error)) {
            m.put("scoreError", "NaN");
        } else {
            m.put("scoreError", error);
        }
        m.putArray("scoreConfidence")
                .add(score - (Double.isNaN(error) ? 0 : error))
                .add(score + (Double.isNaN(error) ? 0 : error));
        m.put("scoreUnit", unit);
        ArrayNode forks = m.putArray("rawData");
        ArrayNode fork = forks.addArray();
        for (double r : raw) {
            fork.add(r);
        }
        n.putObject("secondaryMetrics");
        return this;
    }

    /** Adds a secondary metric to the last result. */
    JmhJson secondary(String name, double score, String unit) {
        ObjectNode m = ((ObjectNode) root.get(root.size() - 1).get("secondaryMetrics")).putObject(name);
        m.put("score", score);
        m.put("scoreError", "NaN");
        m.put("scoreUnit", unit);
        return this;
    }

    /** Adds JMH's score percentiles to the last result's primary metric, with this median. */
    JmhJson median(double p50) {
        ObjectNode m = (ObjectNode) root.get(root.size() - 1).get("primaryMetric");
        ObjectNode p = m.putObject("scorePercentiles");
        p.put("0.0", p50 * 0.9);
        p.put("50.0", p50);
        p.put("99.0", p50 * 1.5);
        p.put("100.0", p50 * 1000);
        return this;
    }

    /** Shorthand: a throughput or time result with a 1% error and no parameters. */
    JmhJson add(String benchmark, String mode, double score, String unit) {
        return add(benchmark, mode, Map.of(), score, score * 0.01, unit);
    }

    Path write(Path file) throws IOException {
        Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return file;
    }

    static final String CPU = "dev.layerbench.bench.CalibrationBench.cpu";
    static final String MEMORY = "dev.layerbench.bench.CalibrationBench.memory";
    static final String DIGEST = "dev.layerbench.bench.DigestBench.oneStream";
    static final String UNION = "dev.layerbench.bench.UnionLookupBench.lookup";
}
