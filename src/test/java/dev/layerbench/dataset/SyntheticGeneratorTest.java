package dev.layerbench.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.oci.Whiteouts;
import dev.layerbench.tar.EntryType;
import dev.layerbench.tar.TarEntry;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticGeneratorTest {

    private static final SyntheticParameters P =
            new SyntheticParameters(3, 3, 2, 6, 50, 512, 1.0, 1 << 16, 3, 2, 0.1, 0.1, 1, 0.4, 0.5, Compression.NONE);

    @Test
    void plan_sharesBaseLayersAcrossImages() {
        List<SyntheticGenerator.ImagePlan> plans = new SyntheticGenerator(P).plan();
        assertEquals(3, plans.size());
        for (SyntheticGenerator.ImagePlan image : plans) {
            assertEquals(6, image.layers().size());
            assertSame(plans.get(0).layers().get(0), image.layers().get(0));
            assertSame(plans.get(0).layers().get(1), image.layers().get(1));
        }
        assertNotEquals(
                plans.get(0).layers().get(2).id(), plans.get(1).layers().get(2).id());
    }

    @Test
    void plan_whiteoutsDeleteWhatLowerLayersShow() {
        SyntheticGenerator.ImagePlan image = new SyntheticGenerator(P).plan().get(1);
        Set<String> visible = new HashSet<>();
        int whiteouts = 0;
        int opaques = 0;
        for (SyntheticGenerator.LayerPlan layer : image.layers()) {
            for (TarEntry e : layer.entries()) {
                if (Whiteouts.isOpaque(e.path())) {
                    String dir = e.path().substring(0, e.path().lastIndexOf('/'));
                    assertTrue(
                            visible.stream().anyMatch(v -> v.startsWith(dir + "/")),
                            "opaque " + dir + " hides nothing");
                    visible.removeIf(v -> v.startsWith(dir + "/"));
                    opaques++;
                } else if (Whiteouts.isWhiteout(e.path())) {
                    String deleted = e.path().replace(Whiteouts.PREFIX, "");
                    assertTrue(visible.remove(deleted), e.path() + " deletes nothing");
                    whiteouts++;
                }
            }
            for (TarEntry e : layer.entries()) {
                if (e.type() == EntryType.FILE && !Whiteouts.isMarker(e.path())) {
                    visible.add(e.path());
                }
            }
        }
        assertEquals(5, opaques); // one per layer above the bottom
        assertTrue(whiteouts >= 5 * 5 - 5, "whiteouts: " + whiteouts);
    }

    @Test
    void plan_duplicatesContentAcrossLayers() throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        for (SyntheticGenerator.ImagePlan image : new SyntheticGenerator(P).plan()) {
            for (SyntheticGenerator.LayerPlan layer : image.layers()) {
                for (TarEntry e : layer.entries()) {
                    if (e.type() == EntryType.FILE && e.size() > 0) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        e.content().writeTo(out);
                        seen.merge(
                                dev.layerbench.digest.Digest.of(out.toByteArray())
                                        .hex(),
                                1,
                                Integer::sum);
                    }
                }
            }
        }
        assertTrue(seen.values().stream().anyMatch(n -> n > 1), "no duplicated content");
    }

    @Test
    void plan_sameSeedSamePlanOtherSeedOtherPlan() {
        List<String> a = paths(new SyntheticGenerator(P).plan());
        assertEquals(a, paths(new SyntheticGenerator(P).plan()));
        assertNotEquals(a, paths(new SyntheticGenerator(P.withSeed(4)).plan()));
    }

    @Test
    void size_isLogNormalAroundTheMedianAndCapped() {
        SyntheticGenerator g = new SyntheticGenerator(P);
        long below = 0;
        for (long k = 0; k < 2000; k++) {
            long s = g.size(SyntheticGenerator.mix(1, 2, k));
            assertTrue(s >= 0 && s <= P.maxFileSize());
            below += s < P.medianFileSize() ? 1 : 0;
        }
        assertTrue(below > 900 && below < 1100, "below median: " + below);
    }

    private static List<String> paths(List<SyntheticGenerator.ImagePlan> plans) {
        return plans.stream()
                .flatMap(i -> i.layers().stream())
                .flatMap(l -> l.entries().stream())
                .map(e -> e.path() + ":" + e.size())
                .toList();
    }
}
