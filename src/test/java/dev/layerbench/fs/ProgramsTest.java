package dev.layerbench.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramsTest {

    @TempDir
    Path dir;

    @Test
    void run_capture_returnsOutputOnly_inTheGivenDirectory_withNothingOnStdin() throws IOException {
        String out = Programs.run(
                Invocation.of("sh", "-c", "pwd; echo oops >&2; cat; echo end").in(dir));
        assertEquals(dir.toRealPath() + "\nend\n", out);
    }

    @Test
    void run_captureAll_returnsOutputAndErrors() throws IOException {
        String out =
                Programs.run(Invocation.of("sh", "-c", "echo a; echo b >&2").to(Invocation.Output.CAPTURE_ALL));
        assertEquals(List.of("a", "b"), out.lines().toList());
    }

    @Test
    void run_nonZeroExit_failsWithTheErrorsLastLine_notTheOutput() {
        ProgramException e = assertThrows(
                ProgramException.class,
                () -> Programs.run(
                        Invocation.of("sh", "-c", "echo out; echo first >&2; echo last >&2; echo >&2; exit 3")));
        assertEquals(ProgramException.Failure.EXITED, e.failure());
        assertEquals(3, e.exitCode());
        assertEquals("last", e.lastLine());
        assertEquals("sh -c echo out; echo first >&2; echo last >&2; echo >&2; exit 3: exit 3: last", e.getMessage());
    }

    @Test
    void run_missingProgram_cannotStart() {
        ProgramException e =
                assertThrows(ProgramException.class, () -> Programs.run(Invocation.of("layerbench-no-such-program")));
        assertEquals(ProgramException.Failure.CANNOT_START, e.failure());
        assertTrue(e.getMessage().startsWith("layerbench-no-such-program: cannot run: "), e.getMessage());
    }

    @Test
    void run_pastTheTimeout_isKilled() {
        long start = System.nanoTime();
        ProgramException e = assertThrows(
                ProgramException.class,
                () -> Programs.run(Invocation.of("sleep", "30").withTimeout(Duration.ofMillis(300))));
        assertEquals(ProgramException.Failure.TIMED_OUT, e.failure());
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "killed well before sleep ended");
    }

    @Test
    void run_appendAll_appendsToTheLog_beatsWhileRunning_andFailsWithTheLogsLastLine() throws IOException {
        Path log = Files.writeString(dir.resolve("log"), "before\n");
        List<Duration> beats = new ArrayList<>();
        ProgramException e = assertThrows(
                ProgramException.class,
                () -> Programs.run(Invocation.of("sh", "-c", "echo one; sleep 1; echo two >&2; exit 1")
                        .to(Invocation.Output.APPEND_ALL, log)
                        .withHeartbeat(Duration.ofMillis(200), beats::add)));
        assertEquals("two", e.lastLine());
        assertEquals(List.of("before", "one", "two"), Files.readAllLines(log));
        assertFalse(beats.isEmpty(), "told while it ran");
    }

    @Test
    void run_file_writesOutputThere_andReturnsNothing() throws IOException {
        Path out = dir.resolve("out");
        assertEquals("", Programs.run(Invocation.of("echo", "hi").to(Invocation.Output.FILE, out)));
        assertEquals("hi\n", Files.readString(out));
    }

    @Test
    void run_onlyGivenVariables_passesNothingElse_butLcAll() throws IOException {
        String env = Programs.run(Invocation.of("/usr/bin/env").withOnlyVariables(Map.of("A", "1")));
        assertEquals(List.of("A=1", "LC_ALL=C"), env.lines().sorted().toList());
    }

    @Test
    void lastLine_isShortenedTo160Characters() throws IOException {
        Path f = Files.writeString(dir.resolve("f"), "x\n" + "y".repeat(300) + "\n\n");
        assertEquals("y".repeat(160) + "…", Programs.lastLine(f));
        assertEquals("", Programs.lastLine(dir.resolve("missing")));
    }

    @Test
    void invocation_fileWithoutFileOutput_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> Invocation.of("true").to(Invocation.Output.FILE));
        assertThrows(IllegalArgumentException.class, () -> Invocation.of(List.of()));
    }
}
