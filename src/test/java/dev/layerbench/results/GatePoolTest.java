package dev.layerbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pooled self-test on synthetic forks: noise alone is rarely flagged, a large planted slow-down nearly always. */
class GatePoolTest {

    @TempDir
    Path dir;

    private final Random random = new Random(7);

    /** One fork of one benchmark: 4 iterations around {@code mean} with 3% noise, fork offsets of 2%. */
    private void fork(String name, double mean) throws Exception {
        double forkMean = mean * (1 + 0.02 * random.nextGaussian());
        double[] raw = new double[4];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = forkMean * (1 + 0.03 * random.nextGaussian());
        }
        JmhJson.results()
                .add("dev.layerbench.bench.DigestBench.oneStream", "avgt", Map.of(), mean, Double.NaN, "ms/op", raw)
                .write(dir.resolve(name));
    }

    @Test
    void simulate_noiseRarelyFlagged_largeSlowdownDetected() throws Exception {
        for (int i = 10; i < 26; i++) {
            fork("plain-" + i + ".json", 100);
        }
        for (int i = 10; i < 18; i++) {
            fork("slow-0.5-" + i + ".json", 150);
        }
        for (int i = 10; i < 13; i++) {
            fork("slow-0.05-" + i + ".json", 105);
        }
        GatePool pool = GatePool.read(dir, 4);
        assertTrue(pool.describe().contains("planted 5% left out (3 forks"), pool::describe);
        Map<String, GateSelfTest.Tally> t = pool.simulate(GateCheck.DEFAULT, 4, 50, 1);
        assertEquals(1, t.size(), t::toString);
        GateSelfTest.Tally digest = t.values().iterator().next();
        int[] aa = digest.byKind().get("A/A");
        int[] slow = digest.byKind().get("50%");
        assertEquals(50, aa[0]);
        assertEquals(50, slow[0]);
        assertTrue(aa[1] <= 5, () -> "A/A flagged " + aa[1] + " of 50");
        assertTrue(slow[1] >= 45, () -> "50% detected " + slow[1] + " of 50");
        assertEquals(50, digest.mdes().size());
        assertEquals(java.util.Set.of("A/A", "50%"), digest.byKind().keySet());
        String md = GateSelfTest.markdown(t);
        assertTrue(md.contains("DigestBench.oneStream"), md);
        // one column per kind: benchmark, A/A, 50%, MDE
        assertEquals(5, md.lines().findFirst().orElseThrow().split("\\|", -1).length - 1, md);
    }

    @Test
    void read_tooFewPlainForks_oneLine() throws Exception {
        for (int i = 10; i < 20; i++) {
            fork("plain-" + i + ".json", 100);
        }
        ResultsException e = assertThrows(ResultsException.class, () -> GatePool.read(dir, 4));
        assertTrue(e.getMessage().contains("10 plain forks"), e::getMessage);
    }

    @Test
    void tallied_plantedKindsLeaveOutSecondaryMetrics() {
        String memory = "LayoutBench.create:pageCacheBytesPerContainer [avgt] layout=SHARED read=all";
        String time = "LayoutBench.create [avgt] layout=SHARED read=all";
        assertTrue(GateSelfTest.tallied("A/A", memory));
        assertTrue(GateSelfTest.tallied("10%", time));
        assertTrue(!GateSelfTest.tallied("10%", memory), "a planted slow-down cannot change a count");
    }
}
