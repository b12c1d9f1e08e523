package dev.layerbench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {

    @TempDir
    Path dir;

    private Session session(PeerTools tools, boolean root) {
        PeersOptions options = new PeersOptions("synthetic-small", dir, 2, 0, Set.of(), true, dir.resolve("out"));
        return new Session(
                options,
                dir,
                new ProjectCommand(List.of("java", "-jar", "/x/benchmarks.jar")),
                tools,
                root,
                line -> {});
    }

    private static final Side A = new Side("project", Side.Kind.STEADY, "call()", null);
    private static final Side B = new Side("peer", Side.Kind.PROCESS, "peer FILE", null);

    @Test
    void compare_missingPeerIsReportedAndNothingRuns() {
        List<String> ran = new ArrayList<>();
        Session s = session(new PeerTools(tool -> !tool.equals("pigz"), false), false);
        PeerComparison c = s.compare(
                "decompress",
                "layer",
                A,
                () -> {
                    ran.add("A");
                    return 1;
                },
                B,
                () -> {
                    ran.add("B");
                    return 1;
                },
                "",
                List.of("gzip", "pigz"));
        assertFalse(c.complete());
        assertTrue(ran.isEmpty(), "nothing ran: " + ran);
        assertEquals("pigz missing: install Debian package pigz (apt-get install pigz)", c.note());
    }

    @Test
    void compare_aFailingSideBecomesTheRowsNote() {
        Session s = session(new PeerTools(tool -> true, false), false);
        PeerComparison c = s.compare(
                "unpack",
                "layer",
                A,
                () -> 5,
                B,
                () -> {
                    throw new PeersException("tar -xf layer.tar: exit 2: tar: Unexpected EOF");
                },
                "peer starts a process");
        assertFalse(c.complete());
        assertEquals("peer starts a process; failed: tar -xf layer.tar: exit 2: tar: Unexpected EOF", c.note());
    }

    @Test
    void compare_bothSidesRunGiveARatio() {
        Session s = session(new PeerTools(tool -> true, false), false);
        PeerComparison c = s.compare("digest", "file", A, () -> 30, B, () -> 10, "");
        assertEquals(3.0, c.ratio().orElseThrow(), 1e-12);
        assertEquals(List.of(30L, 30L), c.project().stats().nanos());
    }

    @Test
    void needsRoot_saysSoWhenNotRoot() {
        assertTrue(session(new PeerTools(t -> true, false), false)
                .needsRoot("mounts overlayfs")
                .orElseThrow()
                .startsWith("needs root (mounts overlayfs)"));
        assertTrue(session(new PeerTools(t -> true, false), true)
                .needsRoot("mounts overlayfs")
                .isEmpty());
    }

    @Test
    void group_ofNamesTheGroupsWhenUnknown() {
        assertEquals(Group.COPYUP, Group.of(" CopyUp "));
        IllegalArgumentException e =
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Group.of("tar"));
        assertEquals(
                "no group \"tar\" (groups: digest, decompress, unpack, lookup, copyup, layout, startup)",
                e.getMessage());
    }

    @Test
    void projectCommand_showsTheJarNotItsPath() {
        ProjectCommand p = new ProjectCommand(List.of("/usr/lib/jvm/25/bin/java", "-jar", "/x/target/benchmarks.jar"));
        assertEquals("java -jar benchmarks.jar digest FILE", p.show("digest", "FILE"));
        assertEquals(
                List.of("/usr/lib/jvm/25/bin/java", "-jar", "/x/target/benchmarks.jar", "digest", "f"),
                p.tool("digest", "f"));
    }
}
