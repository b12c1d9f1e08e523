package dev.layerbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeersToolTest {

    @TempDir
    Path dir;

    @Test
    void peers_unknownGroupIsOneUsageLine() {
        ToolRun.Result r = ToolRun.run("peers", "--only", "digest,tar", "--out", dir.toString());
        assertEquals(Errors.USAGE, r.code());
        ToolsTest.assertOneLine(r.err());
        assertTrue(r.err().contains("no group \"tar\""), r.err());
    }

    @Test
    void peers_zeroRunsIsOneUsageLine() {
        ToolRun.Result r = ToolRun.run("peers", "--runs", "0", "--out", dir.toString());
        assertEquals(Errors.USAGE, r.code());
        ToolsTest.assertOneLine(r.err());
        assertTrue(r.err().contains("--runs must be 1 or more"), r.err());
    }

    @Test
    void peers_runsNotANumberIsOneUsageLine() {
        ToolRun.Result r = ToolRun.run("peers", "--runs", "many");
        assertEquals(Errors.USAGE, r.code());
        ToolsTest.assertOneLine(r.err());
    }

    @Test
    void peers_missingDirIsOneLineAndNoReport() {
        ToolRun.Result r = ToolRun.run(
                "peers",
                "--only",
                "digest",
                "--dir",
                dir.resolve("absent").toString(),
                "--out",
                dir.resolve("results").toString());
        assertEquals(Errors.FAILED, r.code());
        ToolsTest.assertOneLine(r.err());
        assertTrue(r.err().contains("absent: --dir must be an existing directory"), r.err());
        assertTrue(Files.notExists(dir.resolve("results")));
    }
}
