package dev.layerbench.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real tools (umoci, skopeo, tar, sha256sum) that tests compare the project with. */
public final class Commands {

    private Commands() {
    }

    /** Whether an executable is on the PATH. */
    public static boolean available(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the tests run as root (uid 0). */
    public static boolean isRoot() {
        try {
            return "0".equals(run(null, "id", "-u").trim());
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command in {@code dir}; returns its stdout, or throws with its stderr when it fails. */
    public static String run(Path dir, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command));
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Path err = Files.createTempFile("cmd", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String error = Files.readString(err);
        Files.deleteIfExists(err);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + error.trim());
        }
        return out;
    }
}
