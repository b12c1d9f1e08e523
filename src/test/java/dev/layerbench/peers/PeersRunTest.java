package dev.layerbench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerbench.fs.Posix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real, quick runs of one group each: inputs made, both sides timed, the report written, nothing left behind. */
class PeersRunTest {

    @TempDir
    Path dir;

    private Report run(Group group) throws Exception {
        PeersOptions options = new PeersOptions(
                "synthetic-small", dir.resolve("work"), 1, 0, Set.of(group), true, dir.resolve("results"));
        Files.createDirectories(options.dir());
        Report r = PeersRun.run(options, "peers --only " + group.label() + " --quick", line -> {});
        try (var left = Files.list(options.dir())) {
            assertEquals(0, left.count(), "the work directory is removed");
        }
        assertTrue(Files.isRegularFile(dir.resolve("results").resolve(r.stem() + ".md")));
        assertTrue(Files.isRegularFile(dir.resolve("results").resolve(r.stem() + ".json")));
        return r;
    }

    @Test
    void run_digestQuickTimesEverySideAgainstEachPeer() throws Exception {
        assumeTrue(
                PeerTools.onPath("openssl") && PeerTools.onPath("sha256sum"),
                "needs openssl and sha256sum: apt-get install openssl coreutils");
        Report r = run(Group.DIGEST);
        assertEquals(4, r.rows().size(), r.markdown());
        for (PeerComparison c : r.rows()) {
            assertTrue(c.complete(), c.toString());
        }
        assertEquals(
                List.of("openssl", "openssl", "sha256sum", "sha256sum"),
                r.rows().stream().map(c -> c.peer().name()).toList());
        assertTrue(r.rows().stream().anyMatch(c -> c.project().kind() == Side.Kind.PROCESS));
        assertTrue(r.rows().stream().anyMatch(c -> c.project().kind() == Side.Kind.STEADY));
    }

    @Test
    void run_lookupQuickAgainstTheKernelOverlay() throws Exception {
        assumeTrue(Posix.isRoot(), "needs root: mounts overlayfs");
        assumeTrue(
                Mounts.overlayProblem(Files.createDirectories(dir.resolve("probe")))
                        .isEmpty(),
                "cannot mount overlayfs here: modprobe overlay");
        assumeTrue(PeerTools.onPath("gcc"), "needs gcc for the native lstat loop: apt-get install gcc");
        Report r = run(Group.LOOKUP);
        for (PeerComparison c : r.rows()) {
            assertTrue(c.complete(), c.toString());
        }
        assertTrue(
                r.rows().stream()
                        .anyMatch(c ->
                                c.what().startsWith("depth 8, warm") && c.peer().kind() == Side.Kind.NATIVE),
                r.markdown());
        assertTrue(r.rows().stream().anyMatch(c -> c.project().name().startsWith("PERSISTED")), r.markdown());
    }
}
