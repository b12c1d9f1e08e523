package dev.layerbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.layerbench.bench.GateProbeBench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on real JMH runs, interleaved as .ci/bench-gate runs them: GateProbeBench with
 * {@code layerbench.probe.work=2} does twice the work; three rounds per side (in-process, very short) with the planted
 * slow-down are flagged, and three rounds of unchanged work on both sides are not. About 10 s.
 */
class GateRunTest {

    @TempDir
    Path dir;

    private Path run(String name, int work) throws Exception {
        List<String> args = List.of(
                "-f", "0", "-wi", "1", "-w", "200ms", "-i", "3", "-r", "200ms", "-v", "SILENT", "GateProbeBench");
        System.setProperty(GateProbeBench.WORK_PROPERTY, String.valueOf(work));
        try {
            return Recorder.record(new Recorder.Request(Profile.CI, args, dir, name, dir))
                    .results();
        } finally {
            System.clearProperty(GateProbeBench.WORK_PROPERTY);
        }
    }

    private GateCheck.Row gate(int baseWork, int currentWork, String tag) throws Exception {
        List<Path> base = new ArrayList<>();
        List<Path> current = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            base.add(run(tag + "-base-" + r + ".json", baseWork));
            current.add(run(tag + "-current-" + r + ".json", currentWork));
        }
        List<GateCheck.Row> rows = GateCheck.DEFAULT.compare(ForkSamples.read(base), ForkSamples.read(current));
        assertEquals(1, rows.size());
        return rows.getFirst();
    }

    @Test
    void gate_plantedDoubleWork_regression() throws Exception {
        GateCheck.Row row = gate(1, 2, "slow");
        assertEquals(Verdict.REGRESSION, row.verdict(), GateReport.text(List.of(row), false));
    }

    @Test
    void gate_unchangedWork_noRegression() throws Exception {
        GateCheck.Row row = gate(1, 1, "same");
        assertNotEquals(Verdict.REGRESSION, row.verdict(), GateReport.text(List.of(row), false));
    }
}
