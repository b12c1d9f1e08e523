package dev.layerbench.cli;

import static dev.layerbench.cli.ToolRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerbench.cli.ToolRun.Result;
import dev.layerbench.codec.Compression;
import dev.layerbench.json.Json;
import dev.layerbench.testing.LayerFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewToolTest {

    @TempDir
    Path dir;

    @Test
    void viewLayers_wastedBytes_sameAsSize() throws Exception {
        Path image = dir.resolve("image");
        String big = "x".repeat(1000);
        LayerFixtures.image(
                image,
                "waste",
                Compression.GZIP,
                List.of(
                        LayerFixtures.layer()
                                .dir("etc")
                                .file("etc/conf", big)
                                .file("etc/keep", "keep")
                                .dir("var")
                                .file("var/gone", "y".repeat(300))
                                .build(),
                        LayerFixtures.layer()
                                .dir("etc")
                                .file("etc/conf", "z".repeat(200))
                                .whiteout("var/gone")
                                .build(),
                        LayerFixtures.layer()
                                .dir("etc")
                                .file("etc/conf", "short")
                                .build()));
        Result size = run(
                "size",
                "--image",
                image.toString(),
                "--store",
                dir.resolve("summaries").toString(),
                "--format",
                "json");
        assertEquals(0, size.code(), size.err());
        long sized = Json.MAPPER
                .readTree(size.out())
                .path("images")
                .get(0)
                .path("wastedBytes")
                .asLong();
        Result view = run(
                "view",
                "--image",
                image.toString(),
                "--store",
                dir.resolve("store").toString(),
                "--layers");
        assertEquals(0, view.code(), view.err());
        String last = view.out().lines().reduce((a, b) -> b).orElseThrow();
        long viewed = Long.parseLong(last.substring(last.lastIndexOf(' ') + 1));
        // dive: every copy of etc/conf (1000 + 200 + 5) and of var/gone (300, its whiteout 0) is wasted
        assertEquals(1505, sized, size.out());
        assertEquals(sized, viewed, view.out());
        List<Long> perLayer = view.out()
                .lines()
                .filter(l -> l.matches("\\s+\\d+ .*"))
                .map(l -> Long.parseLong(l.trim().split("\\s+")[5]))
                .toList();
        assertEquals(List.of(1300L, 200L, 5L), perLayer, view.out());
    }
}
