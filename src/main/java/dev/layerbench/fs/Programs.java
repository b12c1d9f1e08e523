package dev.layerbench.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** External programs (mkfs, mount, fuse-overlayfs): whether one is installed, and running one to its end. */
public final class Programs {

    private static final long TIMEOUT_SECONDS = 600;

    private Programs() {
    }

    /** Whether {@code program} is an executable on the PATH (or in /usr/sbin, /sbin, which root's PATH may lack). */
    public static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", program)) || Files.isExecutable(Path.of("/sbin", program));
    }

    /**
     * Runs {@code command} (output and errors merged) and waits for it.
     *
     * @throws IOException naming the command and the first line it printed (or its exit status) when it fails
     */
    public static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + ": interrupted", e);
        }
        if (p.exitValue() != 0) {
            String first = out.isEmpty() ? "exit " + p.exitValue() : out.lines().findFirst().orElse("");
            throw new IOException(String.join(" ", command) + ": " + first);
        }
    }
}
