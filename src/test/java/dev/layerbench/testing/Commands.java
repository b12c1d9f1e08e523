package dev.layerbench.testing;

import dev.layerbench.fs.Invocation;
import dev.layerbench.fs.Programs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Runs the real tools (umoci, skopeo, tar, sha256sum) that tests compare the project with, through {@link Programs}. */
public final class Commands {

    private Commands() {}

    /** Whether an executable is on the PATH. */
    public static boolean available(String name) {
        return Programs.onPath(name);
    }

    /** Whether the tests run as root (uid 0). */
    public static boolean isRoot() {
        try {
            return "0".equals(run(null, "id", "-u").trim());
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command in {@code dir}; returns its stdout, or throws with its stderr's last line when it fails. */
    public static String run(Path dir, String... command) throws IOException {
        return Programs.run(Invocation.of(command).in(dir).withTimeout(Duration.ofSeconds(600)));
    }
}
