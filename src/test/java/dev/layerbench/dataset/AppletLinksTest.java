package dev.layerbench.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-call program's links in a merged-/usr root: a shell script stands in for busybox and prints its list as
 * {@code busybox --list-full} does.
 */
class AppletLinksTest {

    @TempDir
    Path dir;

    private Path root(String list) throws IOException {
        Path root = Files.createDirectories(dir.resolve("rootfs"));
        Files.createDirectories(root.resolve("usr/bin"));
        Files.createDirectories(root.resolve("usr/sbin"));
        Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
        Files.createSymbolicLink(root.resolve("sbin"), Path.of("/usr/sbin"));
        Path program = root.resolve("usr/bin/multi");
        Files.writeString(program, "#!/bin/sh\nprintf '" + list + "'\n");
        program.toFile().setExecutable(true);
        Files.writeString(root.resolve("usr/bin/ls"), "the packages' ls\n");
        return root;
    }

    private Commands commands() {
        return new Commands(dir.resolve("logs/build.log"), Progress.NONE);
    }

    @Test
    void make_hardLinksInTheNamedDirsSymlinksElsewhereExistingPathsKept() throws IOException {
        Path root = root("/bin/a\\n/bin/ls\\n/sbin/b\\n/usr/bin/c\\n/usr/sbin/d\\nlinuxrc\\n");
        AppletLinks.Made made =
                AppletLinks.make(root, new RealRecipe.Links("bin/multi", List.of("bin", "usr/bin")), commands());
        assertEquals(new AppletLinks.Made(2, 3, 1), made);
        Object program = Files.getAttribute(root.resolve("usr/bin/multi"), "unix:ino");
        assertEquals(program, Files.getAttribute(root.resolve("usr/bin/a"), "unix:ino"), "bin/a: a hard link");
        assertEquals(program, Files.getAttribute(root.resolve("usr/bin/c"), "unix:ino"), "usr/bin/c: a hard link");
        assertEquals(
                Path.of("/bin/multi"), Files.readSymbolicLink(root.resolve("usr/sbin/b")), "sbin/b, through /usr/sbin");
        assertEquals(Path.of("/bin/multi"), Files.readSymbolicLink(root.resolve("usr/sbin/d")));
        assertEquals(Path.of("/bin/multi"), Files.readSymbolicLink(root.resolve("linuxrc")));
        assertEquals("the packages' ls\n", Files.readString(root.resolve("usr/bin/ls")), "existing file left alone");
        assertTrue(Files.isRegularFile(root.resolve("usr/bin/ls"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void make_aPathLeavingTheRootIsOneLine() throws IOException {
        Path root = root("/bin/../../etc/passwd\\n");
        DatasetException e = assertThrows(
                DatasetException.class,
                () -> AppletLinks.make(root, new RealRecipe.Links("bin/multi", List.of("bin")), commands()));
        assertTrue(e.getMessage().contains("leaves the root") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void make_aMissingProgramIsOneLine() throws IOException {
        Path root = root("");
        DatasetException e = assertThrows(
                DatasetException.class,
                () -> AppletLinks.make(root, new RealRecipe.Links("bin/busybox", List.of("bin")), commands()));
        assertTrue(e.getMessage().contains("bin/busybox"), e.getMessage());
    }

    @Test
    void inRoot_absoluteSymlinksResolveInsideTheRoot() throws IOException {
        Path root = root("");
        assertEquals(root.resolve("usr/sbin"), AppletLinks.inRoot(root, "sbin"));
        assertEquals(root.resolve("usr/bin/multi"), AppletLinks.inRoot(root, "bin/multi"));
        assertEquals(root.resolve("usr"), AppletLinks.inRoot(root, "../../usr"));
    }
}
