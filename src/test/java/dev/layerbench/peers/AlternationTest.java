package dev.layerbench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlternationTest {

    @Test
    void run_warmsUpThenAlternatesAB() throws Exception {
        List<String> order = new ArrayList<>();
        long[] clock = {0};
        Trial a = () -> {
            order.add("A");
            return 100 + clock[0]++;
        };
        Trial b = () -> {
            order.add("B");
            return 200 + clock[0]++;
        };
        Alternation.Result r = new Alternation(1, 3).run(a, b);
        assertEquals(List.of("A", "B", "A", "B", "A", "B", "A", "B"), order);
        assertEquals(List.of(102L, 104L, 106L), r.a().nanos(), "warm-up runs are not kept");
        assertEquals(List.of(203L, 205L, 207L), r.b().nanos());
    }

    @Test
    void run_withoutWarmupKeepsEveryRun() throws Exception {
        List<String> order = new ArrayList<>();
        Alternation.Result r = new Alternation(0, 2)
                .run(
                        () -> {
                            order.add("A");
                            return 1;
                        },
                        () -> {
                            order.add("B");
                            return 2;
                        });
        assertEquals(List.of("A", "B", "A", "B"), order);
        assertEquals(2, r.a().runs());
    }

    @Test
    void constructor_rejectsNoRunsAndNegativeWarmups() {
        assertThrows(IllegalArgumentException.class, () -> new Alternation(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Alternation(-1, 3));
    }

    @Test
    void trialOf_timesOnlyTheMiddleStepAndAlwaysCleansUp() throws Exception {
        List<String> steps = new ArrayList<>();
        long[] before = new long[2];
        Trial t = Trial.of(
                () -> {
                    steps.add("before");
                    before[0] = System.nanoTime();
                    Thread.sleep(20);
                    before[1] = System.nanoTime();
                },
                () -> steps.add("timed"),
                () -> steps.add("after"));
        long start = System.nanoTime();
        long nanos = t.run();
        long whole = System.nanoTime() - start;
        assertEquals(List.of("before", "timed", "after"), steps);
        assertTrue(nanos <= whole - (before[1] - before[0]), "the untimed step was counted: " + nanos + " of " + whole);
        Trial failing = Trial.of(
                () -> {},
                () -> {
                    throw new IllegalStateException("boom");
                },
                () -> steps.add("after again"));
        assertThrows(IllegalStateException.class, failing::run);
        assertEquals("after again", steps.getLast());
    }
}
