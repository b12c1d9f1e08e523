package dev.layerbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.results.CompareOptions.Normalization;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpreadTest {

    @TempDir
    Path dir;

    private ResultsFile run(String name, double cpu, double union, double digest) throws Exception {
        return ResultsFile.read(JmhJson.results()
                .add(JmhJson.CPU, "avgt", cpu, "ms/op")
                .add(JmhJson.UNION, "avgt", union, "us/op")
                .add(JmhJson.DIGEST, "thrpt", digest, "ops/s")
                .write(dir.resolve(name)));
    }

    @Test
    void of_rawRuns_spreadPerResult() throws Exception {
        Spread s = Spread.of(
                List.of(run("a.json", 20, 10, 100), run("b.json", 20, 11, 100), run("c.json", 20, 10.5, 90)),
                Normalization.OFF);
        assertEquals(3, s.rows().size());
        Spread.Row union = s.rows().stream()
                .filter(r -> r.key().className().equals("UnionLookupBench"))
                .findFirst()
                .orElseThrow();
        assertEquals(0.10, union.spread(), 1e-12);
        assertEquals(10.5, union.mean(), 1e-12);
        Spread.Row digest = s.rows().stream()
                .filter(r -> r.key().className().equals("DigestBench"))
                .findFirst()
                .orElseThrow();
        assertEquals(100 / 90.0 - 1, digest.spread(), 1e-12);
        assertEquals(100 / 90.0 - 1, s.largest(), 1e-12);
        assertEquals(0.25, s.suggestedThreshold(), 1e-12); // 2 x 11.1% = 22.2% -> 25%
        assertTrue(s.text(false).contains("suggested threshold"));
    }

    @Test
    void of_slowerMachineInOneRun_normalizedAway() throws Exception {
        Spread s = Spread.of(List.of(run("a.json", 20, 10, 100), run("b.json", 40, 20, 50)), Normalization.AUTO);
        assertTrue(s.normalized());
        assertEquals(0.5, s.factors().get(1), 1e-12);
        assertEquals(0.0, s.largest(), 1e-12);
        assertEquals(Spread.FLOOR, s.suggestedThreshold(), 1e-12);
    }

    @Test
    void of_oneRun_fails() throws Exception {
        ResultsFile a = run("a.json", 20, 10, 100);
        assertThrows(ResultsException.class, () -> Spread.of(List.of(a), Normalization.AUTO));
    }
}
