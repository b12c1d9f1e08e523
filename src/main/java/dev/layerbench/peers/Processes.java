package dev.layerbench.peers;

import dev.layerbench.fs.Invocation;
import dev.layerbench.fs.ProgramException;
import dev.layerbench.fs.Programs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs a command to its end through {@link Programs}, its output discarded (or to a file), failing with one line naming it. */
final class Processes {

    private Processes() {}

    /** Runs {@code command} in {@code cwd} (null: this process's), stdout discarded; its stderr's last line on failure. */
    static void run(Path cwd, List<String> command) throws IOException {
        run(cwd, command, null);
    }

    /** As {@link #run(Path, List)}, stdout to {@code stdout} when given. */
    static void run(Path cwd, List<String> command, Path stdout) throws IOException {
        Invocation inv = Invocation.of(command).in(cwd);
        run(stdout == null ? inv.to(Invocation.Output.DISCARD) : inv.to(Invocation.Output.FILE, stdout));
    }

    /** Output of a short command, trimmed; failing like {@link #run}. */
    static String output(Path cwd, List<String> command) throws IOException {
        return run(Invocation.of(command).in(cwd)).strip();
    }

    private static String run(Invocation inv) throws IOException {
        try {
            return Programs.run(inv);
        } catch (ProgramException e) {
            throw new PeersException(e.getMessage());
        }
    }
}
