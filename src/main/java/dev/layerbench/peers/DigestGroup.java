package dev.layerbench.peers;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.Trees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SHA-256 of one file in the page cache (1 GiB; 32 MiB with --quick): the project's {@code digest} tool (whole
 * process) and {@link Digest#of(Path)} (steady state) against {@code openssl dgst -sha256} and {@code sha256sum}.
 */
final class DigestGroup implements Comparisons {

    static final String GROUP = "digest";

    @Override
    public List<PeerComparison> run(Session s) throws IOException {
        long size = s.options.quick() ? 32L << 20 : 1L << 30;
        Path file = s.work.resolve("digest").resolve("input.bin");
        List<PeerComparison> rows = new ArrayList<>();
        try {
            s.say(GROUP + ": writing " + (size >> 20) + " MiB");
            WorkFiles.randomFile(file, size, 9);
            WorkFiles.readAll(file);
            String what = "sha256 of " + (size >> 20) + " MiB in page cache";
            String f = file.toString();
            List<String> projectCmd = s.project.tool("digest", f);
            Side tool = new Side("layerbench digest", Side.Kind.PROCESS, s.project.show("digest", "FILE"), null);
            Side inProcess = new Side("Digest.of", Side.Kind.STEADY, "Digest.of(Path)", null);
            Trial toolTrial = Trial.timed(() -> Processes.run(null, projectCmd));
            Trial inProcessTrial = Trial.timed(() -> Digest.of(file));
            for (Peer p : List.of(
                    new Peer("openssl", List.of("openssl", "dgst", "-sha256", f), "openssl dgst -sha256 FILE"),
                    new Peer("sha256sum", List.of("sha256sum", f), "sha256sum FILE"))) {
                Side peer = new Side(p.tool(), Side.Kind.PROCESS, p.shown(), null);
                Trial peerTrial = Trial.timed(() -> Processes.run(null, p.command()));
                rows.add(s.compare(GROUP, what, tool, toolTrial, peer, peerTrial, "", List.of(p.tool())));
                rows.add(s.compare(
                        GROUP,
                        what,
                        inProcess,
                        inProcessTrial,
                        peer,
                        peerTrial,
                        "project in process, peer with its process start",
                        List.of(p.tool())));
            }
        } finally {
            Trees.delete(file.getParent());
        }
        return rows;
    }

    /** A peer's command line and how the table shows it. */
    record Peer(String tool, List<String> command, String shown) {}
}
