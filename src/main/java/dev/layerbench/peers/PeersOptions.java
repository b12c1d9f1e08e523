package dev.layerbench.peers;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What a peers run does: on which dataset, in which directory (its disk is the one measured), how many runs of each
 * side after how many warm-ups, which groups, whether quick (small inputs, few cases: a smoke test), and where the
 * report goes.
 */
public record PeersOptions(String dataset, Path dir, int runs, int warmups, Set<Group> only, boolean quick, Path out) {

    public PeersOptions {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be 1 or more, not " + runs);
        }
        if (warmups < 0) {
            throw new IllegalArgumentException("--warmups must be 0 or more, not " + warmups);
        }
        if (dataset == null || dataset.isBlank() || dir == null || out == null) {
            throw new IllegalArgumentException("a peers run needs a dataset, a directory and an output directory");
        }
        only = only == null || only.isEmpty() ? Set.of(Group.values()) : Set.copyOf(only);
    }

    /** The groups to run, in the table's order. */
    public List<Group> groups() {
        return java.util.Arrays.stream(Group.values()).filter(only::contains).toList();
    }

    public Alternation alternation() {
        return new Alternation(warmups, runs);
    }
}
