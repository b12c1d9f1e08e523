package dev.layerbench.fs;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * External programs (mkfs, mount, debootstrap, git, the peers' tools): whether one is installed, and running one to its
 * end. The one place the project starts a process and waits for it; {@link Invocation} says how. A program named
 * without a slash is found as {@link #which} finds it.
 */
public final class Programs {

    private static final Duration TIMEOUT = Duration.ofSeconds(600);
    private static final File DEV_NULL = new File("/dev/null");
    private static final int TAIL_BYTES = 16 * 1024;
    private static final int LINE_CHARS = 160;

    private Programs() {}

    /** Whether {@code program} is an executable on the PATH (or in /usr/sbin, /sbin, which root's PATH may lack). */
    public static boolean onPath(String program) {
        return which(program).isPresent();
    }

    /** Where {@code program} is: the first executable of that name on the PATH, then in /usr/sbin and /sbin. */
    public static Optional<Path> which(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Optional.of(Path.of(dir, program));
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code command} (output and errors merged) for at most 600 s and waits for it.
     *
     * @throws ProgramException naming the command and the last line it printed (or its exit status) when it fails
     */
    public static void run(List<String> command) throws IOException {
        run(Invocation.of(command).to(Invocation.Output.CAPTURE_ALL).withTimeout(TIMEOUT));
    }

    /**
     * Runs a program as {@code inv} says and waits for it.
     *
     * @return what it printed, for {@link Invocation.Output#CAPTURE} and {@link Invocation.Output#CAPTURE_ALL};
     *         empty for the others
     * @throws ProgramException when it cannot start, runs past its time, is interrupted or exits non-zero
     * @throws IOException      when its output cannot be kept or read
     */
    public static String run(Invocation inv) throws IOException {
        List<String> argv = new ArrayList<>(inv.command());
        if (!argv.getFirst().contains("/")) {
            which(argv.getFirst()).ifPresent(p -> argv.set(0, p.toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        if (inv.directory() != null) {
            pb.directory(inv.directory().toFile());
        }
        if (inv.inherit() == Invocation.Environment.ONLY_GIVEN) {
            pb.environment().clear();
        }
        pb.environment().put("LC_ALL", "C");
        pb.environment().putAll(inv.environment());
        Invocation.Output output = inv.output();
        boolean capture = output == Invocation.Output.CAPTURE || output == Invocation.Output.CAPTURE_ALL;
        Path out = capture ? Files.createTempFile("layerbench-run-", ".out") : null;
        boolean merged = output == Invocation.Output.CAPTURE_ALL || output == Invocation.Output.APPEND_ALL;
        Path err = merged ? null : Files.createTempFile("layerbench-run-", ".err");
        try {
            switch (output) {
                case CAPTURE, CAPTURE_ALL -> pb.redirectOutput(out.toFile());
                case DISCARD -> pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                case FILE -> pb.redirectOutput(inv.file().toFile());
                case APPEND_ALL ->
                    pb.redirectOutput(
                            ProcessBuilder.Redirect.appendTo(inv.file().toFile()));
            }
            if (merged) {
                pb.redirectErrorStream(true);
            } else {
                pb.redirectError(err.toFile());
            }
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new ProgramException(inv, ProgramException.Failure.CANNOT_START, -1, "", e);
            }
            waitFor(p, inv);
            if (p.exitValue() != 0) {
                Path diagnostics = err != null ? err : output == Invocation.Output.APPEND_ALL ? inv.file() : out;
                throw new ProgramException(
                        inv, ProgramException.Failure.EXITED, p.exitValue(), lastLine(diagnostics), null);
            }
            return capture ? new String(Files.readAllBytes(out), StandardCharsets.UTF_8) : "";
        } finally {
            if (out != null) {
                Files.deleteIfExists(out);
            }
            if (err != null) {
                Files.deleteIfExists(err);
            }
        }
    }

    private static void waitFor(Process p, Invocation inv) throws ProgramException {
        long start = System.nanoTime();
        long limit = inv.timeout() == null ? Long.MAX_VALUE : inv.timeout().toNanos();
        long beat = inv.heartbeatEvery() == null
                ? Long.MAX_VALUE
                : inv.heartbeatEvery().toNanos();
        try {
            while (true) {
                long ran = System.nanoTime() - start;
                if (ran >= limit) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new ProgramException(inv, ProgramException.Failure.TIMED_OUT, -1, "", null);
                }
                long step = Math.min(limit - ran, beat);
                if (step == Long.MAX_VALUE) {
                    p.waitFor();
                    return;
                }
                if (p.waitFor(step, TimeUnit.NANOSECONDS)) {
                    return;
                }
                if (inv.heartbeat() != null && System.nanoTime() - start < limit) {
                    inv.heartbeat().accept(Duration.ofNanos(System.nanoTime() - start));
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ProgramException(inv, ProgramException.Failure.INTERRUPTED, -1, "", e);
        }
    }

    /**
     * The last non-blank line of a program's output file (a log, its errors), at most 160 characters; empty when there is
     * none or the file cannot be read.
     */
    public static String lastLine(Path file) {
        byte[] tail;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, f.length() - TAIL_BYTES);
            tail = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(tail);
        } catch (IOException e) {
            return "";
        }
        List<String> lines = new String(tail, StandardCharsets.UTF_8)
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
        if (lines.isEmpty()) {
            return "";
        }
        String l = lines.getLast();
        return l.length() > LINE_CHARS ? l.substring(0, LINE_CHARS) + "…" : l;
    }
}
