package dev.layerbench.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerbench.dataset.BuildOptions;
import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.fs.Mount;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real process ({@link LayoutKillChild}) killed with SIGKILL while it makes a mounting layout: while its base is being
 * built (at its first mount) or while containers are being created. The kill leaves mounts behind; the next run in the
 * same directory (opening any layout there) finds them by their directory, unmounts them and deletes the layout.
 */
class LayoutKillTest {

    @TempDir
    Path dir;

    enum Phase {
        BASE,
        CONTAINERS
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (LayoutKind k :
                List.of(LayoutKind.SHARED_KERNEL, LayoutKind.EROFS, LayoutKind.COMPOSEFS, LayoutKind.FUSE_OVERLAYFS)) {
            for (Phase p : Phase.values()) {
                out.add(Arguments.of(k, p));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} killed during {1}")
    @MethodSource("cases")
    void nextRun_removesTheMountsOfALayoutKilledMidCreation(LayoutKind kind, Phase phase) throws Exception {
        assumeTrue(kind.unavailable().isEmpty(), kind.unavailable().orElse(""));
        BuiltDataset built =
                Datasets.build(Datasets.SMALL, Datasets.cacheDir().resolve(Datasets.SMALL), BuildOptions.quiet());
        Path parent = Files.createDirectory(dir.resolve("layouts"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LayoutKillChild.class.getName(),
                        kind.label(),
                        built.root().toString(),
                        parent.toString())
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        try {
            if (phase == Phase.BASE) {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (Mount.under(parent).isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
            } else {
                try (BufferedReader r =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null && !line.equals("created 3"); ) {
                        // wait for a few containers: the next one is being created when the kill lands
                    }
                }
            }
            assertTrue(
                    p.isAlive(), "the child ended before it was killed: " + Files.readString(dir.resolve("child.err")));
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(1, TimeUnit.MINUTES));
            assertEquals(137, p.exitValue(), "killed by SIGKILL");
        } finally {
            p.destroyForcibly();
        }
        List<Path> left = Mount.under(parent);
        assertFalse(left.isEmpty(), "the kill left nothing mounted: nothing to test");
        Path killed;
        try (Stream<Path> s = Files.list(parent)) {
            killed = s.filter(d -> d.getFileName().toString().startsWith("layerbench-"))
                    .findFirst()
                    .orElseThrow();
        }

        // the next run: any layout opened in the same directory
        try (ImageArchive archive = ImageArchive.open(built.root())) {
            List<Image> images = List.of(archive.image(archive.refs().getFirst()));
            try (Layout next = LayoutKind.SHARED.open(archive, images, parent, LayoutOptions.defaults())) {
                assertEquals(List.of(), Mount.under(parent), "mounts left by the killed run: " + left);
                assertFalse(Files.exists(killed), killed + " still there");
                next.create("c", images.getFirst());
            }
        }
        assertEquals(List.of(), Mount.under(parent));
    }
}
