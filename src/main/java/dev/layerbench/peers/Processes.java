package dev.layerbench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs a command to its end, its output discarded (or to a file), failing with one line naming it. */
final class Processes {

    private Processes() {
    }

    /** Runs {@code command} in {@code cwd} (null: this process's), stdout discarded; its stderr's last line on failure. */
    static void run(Path cwd, List<String> command) throws IOException {
        run(cwd, command, null);
    }

    /** As {@link #run(Path, List)}, stdout to {@code stdout} when given. */
    static void run(Path cwd, List<String> command, Path stdout) throws IOException {
        Path err = Files.createTempFile("peers-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()))
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (cwd != null) {
                pb.directory(cwd.toFile());
            }
            pb.environment().put("LC_ALL", "C");
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new PeersException(command.getFirst() + ": cannot run: " + e.getMessage());
            }
            int code;
            try {
                code = p.waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new PeersException(command.getFirst() + ": interrupted");
            }
            if (code != 0) {
                List<String> lines = Files.readAllLines(err);
                throw new PeersException(String.join(" ", shorten(command)) + ": exit " + code
                        + (lines.isEmpty() ? "" : ": " + lines.getLast().strip()));
            }
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Output of a short command, trimmed; failing like {@link #run}. */
    static String output(Path cwd, List<String> command) throws IOException {
        Path out = Files.createTempFile("peers-", ".out");
        try {
            run(cwd, command, out);
            return Files.readString(out).strip();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static List<String> shorten(List<String> command) {
        return command.stream().map(a -> a.length() > 120 ? a.substring(0, 117) + "..." : a).toList();
    }
}
