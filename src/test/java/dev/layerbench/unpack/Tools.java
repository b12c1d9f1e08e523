package dev.layerbench.unpack;

import dev.layerbench.fs.Invocation;
import dev.layerbench.fs.Programs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Runs external tools (umoci, skopeo, debootstrap) from tests, skipping when one is not installed. */
final class Tools {

    private Tools() {}

    static boolean installed(String tool) {
        return Programs.onPath(tool);
    }

    static void assumeInstalled(String tool, String debianPackage) {
        Assumptions.assumeTrue(
                installed(tool), tool + " not found: install it (apt-get install " + debianPackage + ")");
    }

    /** Runs a command; fails with the last line of its output when it exits non-zero or runs past the timeout. */
    static String run(Path dir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        return Programs.run(Invocation.of(command)
                .in(dir)
                .to(Invocation.Output.CAPTURE_ALL)
                .withTimeout(Duration.ofSeconds(timeoutSeconds)));
    }

    static String run(Path dir, String... command) throws IOException, InterruptedException {
        return run(dir, 300, command);
    }

    static List<String> umociUnpack(boolean root, String image, String bundle) {
        return root
                ? List.of("umoci", "unpack", "--image", image, bundle)
                : List.of("umoci", "unpack", "--rootless", "--image", image, bundle);
    }
}
