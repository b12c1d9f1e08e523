package dev.layerbench.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the external tools of a real build (debootstrap, umoci, chroot, mount), their output appended to a log file,
 * saying every 15 seconds that a long command is still running and what it last printed.
 */
final class Commands {

    private static final long HEARTBEAT_SECONDS = 15;

    private final Path log;
    private final Progress progress;

    Commands(Path log, Progress progress) {
        this.log = log;
        this.progress = progress;
    }

    /** Whether {@code tool} is an executable on the PATH. */
    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command to its end; fails with one line naming it, its exit code, its last output line and the log. */
    void run(String what, List<String> command) throws IOException {
        run(what, command, ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    private void run(String what, List<String> command, ProcessBuilder.Redirect stdout) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, "\n$ " + String.join(" ", command) + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        pb.environment().put("LC_ALL", "C");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new DatasetException(what + ": cannot run " + command.getFirst() + ": " + e.getMessage());
        }
        long start = System.nanoTime();
        try {
            while (!p.waitFor(HEARTBEAT_SECONDS, TimeUnit.SECONDS)) {
                progress.step("  " + what + ": still running (" + (System.nanoTime() - start) / 1_000_000_000L + " s): "
                        + lastLine());
            }
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new DatasetException(what + ": interrupted");
        }
        if (p.exitValue() != 0) {
            throw new DatasetException(what + ": " + command.getFirst() + " exited with " + p.exitValue() + ": "
                    + lastLine() + " (log: " + log + ")");
        }
    }

    /** Runs a command to its end as {@link #run} does and returns what it printed on its standard output. */
    String output(String what, List<String> command) throws IOException {
        Path out = Files.createTempFile(Files.createDirectories(log.getParent()), "output-", ".txt");
        try {
            run(what, command, ProcessBuilder.Redirect.to(out.toFile()));
            return Files.readString(out, java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private String lastLine() {
        try {
            List<String> lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i).strip();
                if (!l.isEmpty()) {
                    return l.length() > 160 ? l.substring(0, 160) + "…" : l;
                }
            }
        } catch (IOException e) {
            // no log yet
        }
        return "(no output)";
    }
}
