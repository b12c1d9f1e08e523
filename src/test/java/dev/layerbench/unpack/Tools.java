package dev.layerbench.unpack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs external tools (umoci, skopeo, debootstrap) from tests, skipping when one is not installed. */
final class Tools {

    private Tools() {
    }

    static boolean installed(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool));
    }

    static void assumeInstalled(String tool, String debianPackage) {
        Assumptions.assumeTrue(installed(tool), tool + " not found: install it (apt-get install " + debianPackage + ")");
    }

    /** Runs a command; fails with its output when it exits non-zero or runs past the timeout. */
    static String run(Path dir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("layerbench-tool", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": timed out after " + timeoutSeconds + " s");
            }
            String out = Files.readString(log);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + ": exit " + p.exitValue() + ": " + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static String run(Path dir, String... command) throws IOException, InterruptedException {
        return run(dir, 300, command);
    }

    static List<String> umociUnpack(boolean root, String image, String bundle) {
        return root ? List.of("umoci", "unpack", "--image", image, bundle)
                : List.of("umoci", "unpack", "--rootless", "--image", image, bundle);
    }
}
