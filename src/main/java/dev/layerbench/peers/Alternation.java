package dev.layerbench.peers;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs two sides alternately: {@code warmups} runs of each (A B ...), not kept, then {@code runs} of each (A B A B
 * ...), so that whatever the machine does meanwhile (page cache, frequency, a neighbour's build) falls on both.
 */
public record Alternation(int warmups, int runs) {

    public Alternation {
        if (warmups < 0) {
            throw new IllegalArgumentException("warm-up runs must be 0 or more, not " + warmups);
        }
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be 1 or more, not " + runs);
        }
    }

    /** Both sides' runs, timed. */
    public record Result(Stats a, Stats b) {}

    public Result run(Trial a, Trial b) throws Exception {
        for (int i = 0; i < warmups; i++) {
            a.run();
            b.run();
        }
        List<Long> as = new ArrayList<>(runs);
        List<Long> bs = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            as.add(a.run());
            bs.add(b.run());
        }
        return new Result(new Stats(as), new Stats(bs));
    }
}
