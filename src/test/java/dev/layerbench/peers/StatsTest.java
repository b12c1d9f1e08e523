package dev.layerbench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void median_oddCountIsTheMiddleRunWhateverTheOrder() {
        Stats s = new Stats(List.of(9L, 1L, 5L, 7L, 3L));
        assertEquals(5.0, s.median());
        assertEquals(1, s.min());
        assertEquals(9, s.max());
        assertEquals(5, s.runs());
        assertEquals(List.of(9L, 1L, 5L, 7L, 3L), s.nanos(), "runs kept in the order taken");
    }

    @Test
    void median_evenCountIsTheMeanOfTheTwoMiddleRuns() {
        assertEquals(4.5, new Stats(List.of(10L, 1L, 4L, 5L)).median());
        assertEquals(7.0, new Stats(List.of(7L)).median());
    }

    @Test
    void ratio_isProjectMedianOverPeerMedian() {
        Stats project = new Stats(List.of(20L, 30L, 40L));
        Stats peer = new Stats(List.of(10L, 15L, 100L));
        assertEquals(2.0, Stats.ratio(project, peer), 1e-12);
        assertEquals(0.5, Stats.ratio(peer, project), 1e-12);
        assertEquals(1.0, Stats.ratio(new Stats(List.of(0L)), new Stats(List.of(0L))));
        assertEquals(Double.POSITIVE_INFINITY, Stats.ratio(new Stats(List.of(3L)), new Stats(List.of(0L))));
    }

    @Test
    void constructor_rejectsNoRunsAndNegativeTimes() {
        assertThrows(IllegalArgumentException.class, () -> new Stats(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Stats(List.of(5L, -1L)));
    }

    @Test
    void human_picksAUnitPerMagnitude() {
        assertEquals("850 ns", Stats.human(850));
        assertEquals("12.3 us", Stats.human(12_300));
        assertEquals("4.56 ms", Stats.human(4_560_000));
        assertEquals("1.23 s", Stats.human(1_230_000_000));
    }
}
