package dev.layerbench.peers;

import java.util.OptionalDouble;

/**
 * One row of the table: the project's side against the peer's on the same input, and a note (what the row measures
 * beyond its name, or why a side did not run: a missing tool, not root, pending work).
 */
public record PeerComparison(String group, String what, Side project, Side peer, String note) {

    public PeerComparison {
        if (group == null || what == null || project == null || peer == null) {
            throw new IllegalArgumentException("a comparison needs a group, a subject and two sides");
        }
        note = note == null ? "" : note;
    }

    /** Project median over peer median, when both sides ran: above 1 when the project is slower. */
    public OptionalDouble ratio() {
        if (project.stats() == null || peer.stats() == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Stats.ratio(project.stats(), peer.stats()));
    }

    /** Whether both sides ran. */
    public boolean complete() {
        return ratio().isPresent();
    }
}
