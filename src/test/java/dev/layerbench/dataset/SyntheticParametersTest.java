package dev.layerbench.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.json.Json;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SyntheticParametersTest {

    private static SyntheticParameters with(double rewrite, double delete, double duplicate, double compressibility) {
        SyntheticParameters d = SyntheticParameters.defaults();
        return new SyntheticParameters(
                d.seed(),
                d.images(),
                d.sharedLayers(),
                d.depth(),
                d.filesPerLayer(),
                d.medianFileSize(),
                d.fileSizeSigma(),
                d.maxFileSize(),
                d.dirFanout(),
                d.dirDepth(),
                rewrite,
                delete,
                d.opaqueDirs(),
                duplicate,
                compressibility,
                d.compression());
    }

    private static void assertRejected(String field, Supplier<SyntheticParameters> make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void defaults_followHubMedians() {
        SyntheticParameters d = SyntheticParameters.defaults();
        assertEquals(SyntheticParameters.HUB_MEDIAN_IMAGE_FILES / d.depth(), d.filesPerLayer());
        assertEquals(Compression.GZIP, d.compression());
        assertTrue(d.sharedLayers() <= d.depth());
    }

    @Test
    void new_rejectsOutOfRangeValues() {
        SyntheticParameters d = SyntheticParameters.defaults();
        assertRejected("images", () -> d.withShape(0, 0, 1, 1));
        assertRejected("depth", () -> d.withShape(1, 0, 0, 1));
        assertRejected("sharedLayers", () -> d.withShape(1, 4, 3, 1));
        assertRejected("filesPerLayer", () -> d.withShape(1, 0, 1, -1));
        assertRejected("rewriteShare", () -> with(1.5, 0, 0, 0));
        assertRejected("deleteShare", () -> with(0, -0.1, 0, 0));
        assertRejected("duplicateShare", () -> with(0, 0, Double.NaN, 0));
        assertRejected("compressibility", () -> with(0, 0, 0, 2));
        assertRejected("compression", () -> d.withCompression(null));
        assertRejected(
                "medianFileSize",
                () -> new SyntheticParameters(1, 1, 0, 1, 1, 10, 1, 5, 2, 2, 0, 0, 0, 0, 0, Compression.NONE));
        assertRejected(
                "dirFanout^dirDepth",
                () -> new SyntheticParameters(1, 1, 0, 1, 1, 1, 1, 5, 100, 4, 0, 0, 0, 0, 0, Compression.NONE));
    }

    @Test
    void json_roundTrips() throws Exception {
        SyntheticParameters d = SyntheticParameters.defaults().withSeed(42);
        String json = Json.MAPPER.writeValueAsString(d);
        assertEquals(d, Json.MAPPER.readValue(json, SyntheticParameters.class));
    }

    @Test
    void distinctLayers_countsSharedOnce() {
        assertEquals(
                3 + 2 * 5, SyntheticParameters.defaults().withShape(2, 3, 8, 10).distinctLayers());
    }
}
