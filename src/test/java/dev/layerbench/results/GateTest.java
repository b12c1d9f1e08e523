package dev.layerbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.bench.GateProbeBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI gate on real JMH runs: GateProbeBench with the system property {@code layerbench.probe.work=3} does exactly
 * three times the work of an unchanged run; recorded runs (in-process, very short) with the planted slow-down must be flagged as a
 * regression after normalization, and a second run of unchanged code must not. About 15 s.
 */
class GateTest {

    /** The threshold .ci/bench-gate uses (BENCH_GATE_THRESHOLD there). */
    static final double GATE_THRESHOLD = 0.45;

    static final String WORK = GateProbeBench.WORK_PROPERTY;

    @TempDir
    Path dir;

    private ResultsFile record(String name, int work) throws Exception {
        // forks 0: the benchmarks run in this JVM, so the property set here reaches them
        List<String> args = new ArrayList<>(List.of(
                "-f",
                "0",
                "-wi",
                "2",
                "-w",
                "300ms",
                "-i",
                "4",
                "-r",
                "300ms",
                "-v",
                "SILENT",
                "CalibrationBench.cpu",
                "GateProbeBench"));
        Recorder.Recorded r;
        System.setProperty(WORK, String.valueOf(work));
        try {
            r = Recorder.record(new Recorder.Request(Profile.CI, args, dir, name, dir));
        } finally {
            System.clearProperty(WORK);
        }
        assertEquals(2, r.benchmarks());
        assertTrue(Files.isRegularFile(r.sidecar()));
        return ResultsFile.read(r.results());
    }

    @Test
    void gate_plantedSlowdownFlagged_unchangedCodePasses() throws Exception {
        ResultsFile baseline = record("baseline.json", 1);
        ResultsFile unchanged = record("unchanged.json", 1);
        ResultsFile slowed = record("slowed.json", 3);
        CompareOptions gate = new CompareOptions(GATE_THRESHOLD, CompareOptions.Normalization.ON);

        Comparison same = Comparison.of(baseline, unchanged, gate);
        assertTrue(same.calibration().isPresent());
        assertFalse(same.hasRegression(), () -> ComparisonReport.text(same, false));

        Comparison slow = Comparison.of(baseline, slowed, gate);
        assertTrue(slow.hasRegression(), () -> ComparisonReport.text(slow, false));
        Comparison.Row probe = slow.regressions().getFirst();
        assertEquals("GateProbeBench", probe.key().className());
        // three times the work: about a third of the speed, well clear of the threshold
        assertTrue(probe.speedup() > 0.2 && probe.speedup() < 0.5, () -> ComparisonReport.text(slow, false));
    }
}
