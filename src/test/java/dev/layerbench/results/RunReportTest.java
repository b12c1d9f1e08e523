package dev.layerbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    @TempDir
    Path dir;

    @Test
    void write_plotsPresentBenchmarksAndSkipsMissing() throws Exception {
        Fonts.assumeAvailable();
        JmhJson json = JmhJson.results();
        for (String size : List.of("4096", "1048576", "67108864")) {
            double ops = 4e8 / Double.parseDouble(size);
            json.add(JmhJson.DIGEST, "thrpt", Map.of("size", size), ops, ops * 0.02, "ops/s")
                    .secondary("mbPerSec", 400, "ops/s");
        }
        for (String depth : List.of("1", "8", "64")) {
            json.add(
                    JmhJson.UNION,
                    "avgt",
                    Map.of("depth", depth, "hit", "true"),
                    Double.parseDouble(depth),
                    0.1,
                    "us/op");
            json.add(
                    JmhJson.UNION,
                    "avgt",
                    Map.of("depth", depth, "hit", "false"),
                    2 * Double.parseDouble(depth),
                    0.1,
                    "us/op");
        }
        json.add(JmhJson.CPU, "avgt", 20, "ms/op");
        Path results = json.write(dir.resolve("run.json"));
        Path out = dir.resolve("report");
        RunReport.Written w = RunReport.write(ResultsFile.read(results), out);

        Set<String> plotted = w.plots().stream()
                .map(p -> p.className() + "/" + p.metric() + "/" + p.axis())
                .collect(Collectors.toSet());
        assertEquals(
                Set.of("DigestBench/score/size", "DigestBench/mbPerSec/size", "UnionLookupBench/score/depth"), plotted);
        for (Plots.Plot p : w.plots()) {
            BufferedImage image = ImageIO.read(p.file().toFile());
            assertNotNull(image, p.file() + " is a PNG");
            assertEquals(Plots.WIDTH, image.getWidth());
            assertEquals(Plots.HEIGHT, image.getHeight());
        }
        String md = Files.readString(w.markdown());
        assertTrue(md.contains("| DigestBench.oneStream | thrpt | size=4096 |"), md);
        assertTrue(md.contains("![UnionLookupBench score against depth](UnionLookupBench-avgt-score-depth.png)"), md);
        assertTrue(md.contains("UnpackBench: not in this results file, no plot."), md);
        assertTrue(md.contains("LayoutBench: not in this results file, no plot."), md);
        assertTrue(md.contains("No machine sidecar"), md);
        assertFalse(md.contains("CalibrationBench: not in"), md);
    }

    @Test
    void axis_firstSizeLikeParamWithTwoValues() throws Exception {
        Path f = JmhJson.results()
                .add(JmhJson.UNION, "avgt", Map.of("size", "4096", "depth", "1"), 1, 0.1, "us/op")
                .add(JmhJson.UNION, "avgt", Map.of("size", "4096", "depth", "2"), 2, 0.1, "us/op")
                .write(dir.resolve("a.json"));
        assertEquals("depth", Plots.axis(ResultsFile.read(f).results()).orElseThrow());
    }

    @Test
    void write_outIsAFile_fails() throws Exception {
        Path f = JmhJson.results().add(JmhJson.CPU, "avgt", 20, "ms/op").write(dir.resolve("a.json"));
        org.junit.jupiter.api.Assertions.assertThrows(
                ResultsException.class, () -> RunReport.write(ResultsFile.read(f), f));
    }
}
