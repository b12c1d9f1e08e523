package dev.layerbench.peers;

import java.io.IOException;
import java.util.List;

/** The rows of one group: inputs made in the session's work directory, each comparison alternated, inputs removed. */
interface Comparisons {

    List<PeerComparison> run(Session session) throws IOException;
}
