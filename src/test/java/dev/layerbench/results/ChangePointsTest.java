package dev.layerbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The change-point detector on synthetic histories with planted steps and on flat noisy ones. */
class ChangePointsTest {

    static double[] series(long seed, int n, double noise, int[] steps, double[] levels) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        int s = 0;
        for (int i = 0; i < n; i++) {
            while (s < steps.length && i >= steps[s]) {
                s++;
            }
            x[i] = levels[s] * (1 + noise * GateCheckTest.gaussian(r));
        }
        return x;
    }

    @Test
    void find_plantedSteps_foundWithinOneCommit() {
        for (long seed = 0; seed < 20; seed++) {
            double[] x = series(seed, 60, 0.03, new int[] {20, 42}, new double[] {100, 125, 110});
            List<ChangePoints.Step> steps = ChangePoints.DEFAULT.find(x);
            assertEquals(2, steps.size(), "seed " + seed + ": " + steps);
            assertTrue(Math.abs(steps.get(0).index() - 20) <= 1, "seed " + seed + ": " + steps);
            assertTrue(Math.abs(steps.get(1).index() - 42) <= 1, "seed " + seed + ": " + steps);
            assertTrue(steps.get(0).change() > 0.2 && steps.get(1).change() < -0.08, steps::toString);
        }
    }

    @Test
    void find_flatNoisySeries_noSteps() {
        int found = 0;
        for (long seed = 0; seed < 50; seed++) {
            found += ChangePoints.DEFAULT
                    .find(series(seed, 60, 0.05, new int[0], new double[] {100}))
                    .size();
        }
        assertTrue(found <= 1, found + " steps found in 50 flat series");
    }

    @Test
    void find_tooShort_nothing() {
        assertTrue(ChangePoints.DEFAULT.find(new double[] {1, 2, 3, 4, 5}).isEmpty());
    }
}
