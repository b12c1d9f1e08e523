package dev.layerbench.dataset;

import dev.layerbench.fs.Invocation;
import dev.layerbench.fs.ProgramException;
import dev.layerbench.fs.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * Runs the external tools of a real build (debootstrap, umoci, chroot, mount), their output appended to a log file,
 * saying every 15 seconds that a long command is still running and what it last printed.
 */
final class Commands {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final Path log;
    private final Progress progress;

    Commands(Path log, Progress progress) {
        this.log = log;
        this.progress = progress;
    }

    /** Runs a command to its end; fails with one line naming it, its exit code, its last output line and the log. */
    void run(String what, List<String> command) throws IOException {
        exec(what, command, Invocation.Output.APPEND_ALL);
    }

    /** Runs a command to its end as {@link #run} does and returns what it printed on its standard output. */
    String output(String what, List<String> command) throws IOException {
        return exec(what, command, Invocation.Output.CAPTURE);
    }

    private String exec(String what, List<String> command, Invocation.Output output) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(
                log, "\n$ " + String.join(" ", command) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Invocation inv = Invocation.of(command)
                .withVariable("DEBIAN_FRONTEND", "noninteractive")
                .to(output, output == Invocation.Output.APPEND_ALL ? log : null)
                .withHeartbeat(
                        HEARTBEAT,
                        ran -> progress.step(
                                "  " + what + ": still running (" + ran.toSeconds() + " s): " + lastLine()));
        try {
            return Programs.run(inv);
        } catch (ProgramException e) {
            String last = output == Invocation.Output.APPEND_ALL || e.lastLine().isEmpty() ? lastLine() : e.lastLine();
            throw new DatasetException(what + ": "
                    + switch (e.failure()) {
                        case CANNOT_START ->
                            "cannot run " + command.getFirst() + ": "
                                    + e.getCause().getMessage();
                        case TIMED_OUT, INTERRUPTED -> "interrupted";
                        case EXITED ->
                            command.getFirst() + " exited with " + e.exitCode() + ": " + last + " (log: " + log + ")";
                    });
        }
    }

    private String lastLine() {
        String l = Programs.lastLine(log);
        return l.isEmpty() ? "(no output)" : l;
    }
}
