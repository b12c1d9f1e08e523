package dev.layerbench.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.MediaTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds a real dataset from Debian packages. Takes minutes and needs the network, so it runs only as root with
 * {@code LAYERBENCH_REAL_DATASETS=1}, debootstrap and umoci installed; the step cache is the user's dataset cache.
 */
class RealDatasetTest {

    @TempDir
    Path dir;

    @Test
    void build_realDebianPython_imagesWithWhiteoutsInGzipAndZstd() throws IOException {
        Assumptions.assumeTrue(
                "1".equals(System.getenv("LAYERBENCH_REAL_DATASETS")),
                "set LAYERBENCH_REAL_DATASETS=1 to build real datasets (minutes, network)");
        try {
            RealBuilder.checkMachine();
        } catch (DatasetException e) {
            Assumptions.abort(e.getMessage());
        }
        BuiltDataset built = Datasets.build("real-debian-python", dir.resolve("real"), BuildOptions.quiet());
        Datasets.verify(built);
        assertEquals(List.of("python", "python-slim"), built.tags());
        List<LayerRecord> slim = built.recorded().images().get(1).layers();
        assertEquals(3, slim.size());
        assertTrue(
                slim.get(2).whiteouts() >= 5,
                "slim layer whiteouts: " + slim.get(2).whiteouts());
        assertTrue(slim.stream().allMatch(l -> l.mediaType().equals(MediaTypes.OCI_LAYER_ZSTD)));
        List<LayerRecord> python = built.recorded().images().get(0).layers();
        assertTrue(python.stream().allMatch(l -> l.mediaType().equals(MediaTypes.OCI_LAYER_GZIP)));
        for (int i = 0; i < 2; i++) {
            assertEquals(python.get(i).diffId(), slim.get(i).diffId(), "same tar, other compression");
        }
        try (ImageArchive archive = ImageArchive.open(built.root())) {
            Image image = archive.image("python-slim");
            assertEquals(3, image.layers().size());
        }
        BuiltDataset again = Datasets.build("real-debian-python", dir.resolve("again"), BuildOptions.quiet());
        assertEquals(built.recorded().images(), again.recorded().images(), "the step cache gives the same layers");
        assertTrue(Files.isRegularFile(again.root().resolve(Datasets.RECORD_FILE)));
    }
}
