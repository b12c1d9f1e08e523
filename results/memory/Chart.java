// Draws results/memory's charts from the layout tool's --json output:
//   .ci/jdk25 java -cp target/benchmarks.jar results/memory/Chart.java results/memory/layout.json results/memory
// page-cache-vs-n.png: MB of page cache the layout's files hold after N containers read every file, per layout and
// filesystem (log-log); the lines fall in two groups, named in the subtitle from the data (N copies / one copy).
// run-vs-n.png: cold start of `python3 -c pass`, the first container (caches dropped) and the mean of the others.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layerbench.results.LogLogChart;
import dev.layerbench.results.Plots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

public class Chart {
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        JsonNode runs = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Path out = Path.of(args[1]);
        Map<String, XYSeries> cache = new TreeMap<>();
        Map<String, XYSeries> cold = new TreeMap<>();
        Map<String, XYSeries> warm = new TreeMap<>();
        for (JsonNode r : runs) {
            String name = r.get("layout").asText() + " (" + r.get("fs").asText() + ")";
            int n = r.get("n").asInt();
            if (r.has("pageCacheBytes")) {
                cache.computeIfAbsent(name, XYSeries::new).add(n, r.get("pageCacheBytes").asLong() / 1e6);
            }
            if (r.has("runColdNanos")) {
                String k = r.get("layout").asText().equals("shared") ? name + " replay" : name;
                cold.computeIfAbsent(k + " cold", XYSeries::new).add(n, r.get("runColdNanos").asLong() / 1e6);
                if (r.has("runWarmNanos")) {
                    warm.computeIfAbsent(k + " warm", XYSeries::new).add(n, r.get("runWarmNanos").asDouble() / 1e6);
                }
            }
        }
        List<String> copies = new ArrayList<>();
        List<String> one = new ArrayList<>();
        for (XYSeries s : cache.values()) {
            double first = s.getY(0).doubleValue();
            double last = s.getY(s.getItemCount() - 1).doubleValue();
            double n = s.getX(s.getItemCount() - 1).doubleValue();
            (last >= 0.9 * n * first ? copies : one).add(s.getKey().toString());
        }
        JFreeChart c = chart(cache, "Page cache after N containers read every file (real-debian-python, python image)",
                "MB in page cache (layout's files, each inode once, cachestat)");
        c.addSubtitle(new TextTitle("N copies: " + String.join(", ", copies)));
        c.addSubtitle(new TextTitle("one copy: " + String.join(", ", one)));
        Plots.writePng(c, out.resolve("page-cache-vs-n.png"), 1000, 620);
        Map<String, XYSeries> both = new TreeMap<>(cold);
        both.putAll(warm);
        JFreeChart r = chart(both, "python3 -c pass per container: first (cold) and the others' mean (warm)", "ms");
        Plots.writePng(r, out.resolve("run-vs-n.png"), 1000, 700);
    }

    static JFreeChart chart(Map<String, XYSeries> series, String title, String yLabel) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        return LogLogChart.of(data, title, yLabel, yLabel, k -> k.contains("warm") || k.startsWith("shared-kernel"));
    }
}
