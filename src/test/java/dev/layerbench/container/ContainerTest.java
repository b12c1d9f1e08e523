package dev.layerbench.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.fs.PosixException;
import dev.layerbench.oci.EntryKind;
import dev.layerbench.oci.Whiteouts;
import dev.layerbench.union.ComparableTrees;
import dev.layerbench.union.LayerCache;
import dev.layerbench.union.LayerStack;
import dev.layerbench.unpack.WhiteoutForm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ContainerTest {

    @TempDir
    Path dir;

    LayerStack stack;
    Map<String, String> lowerBefore;

    @BeforeEach
    void twoLayers() throws IOException {
        Path l0 = dir.resolve("l0");
        Path l1 = dir.resolve("l1");
        Files.createDirectories(l0.resolve("etc"));
        Files.createDirectories(l0.resolve("var/lib/app"));
        Files.writeString(l0.resolve("etc/config"), "original config");
        Files.writeString(l0.resolve("var/lib/app/state"), "state");
        Files.createDirectories(l1.resolve("usr/bin"));
        Files.writeString(l1.resolve("usr/bin/tool"), "#!/bin/sh\n");
        stack = LayerStack.of(List.of(l0, l1), LayerCache.cold());
        lowerBefore = Map.of("l0", tree(l0), "l1", tree(l1));
    }

    private static String tree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            StringBuilder sb = new StringBuilder();
            for (Path p : walk.sorted().toList()) {
                sb.append(root.relativize(p))
                        .append(Files.isRegularFile(p) ? "=" + Files.readString(p) : "")
                        .append('\n');
            }
            return sb.toString();
        }
    }

    private void assertLowerUntouched() throws IOException {
        assertEquals(lowerBefore.get("l0"), tree(dir.resolve("l0")));
        assertEquals(lowerBefore.get("l1"), tree(dir.resolve("l1")));
    }

    private Container open(CopyUp copyUp) throws IOException {
        return Container.open(
                stack,
                dir.resolve("upper"),
                new ContainerOptions(copyUp, WhiteoutForm.OCI, ContainerOptions.Durability.NONE));
    }

    @ParameterizedTest
    @EnumSource(
            value = CopyUp.class,
            names = {"STREAM", "JDK"})
    void write_copiesUpFirstAndLeavesTheLowerAlone(CopyUp copyUp) throws IOException {
        Container c = open(copyUp);
        c.write("etc/config", 0, "CHANGED".getBytes(StandardCharsets.UTF_8));
        assertEquals("CHANGEDl config", Files.readString(dir.resolve("upper/etc/config")));
        assertEquals(2, c.lookup("etc/config").orElseThrow().layer());
        assertEquals(15, c.copiedUpBytes());
        assertEquals(2, c.copyUps(), "the parent directory, then the file");
        assertLowerUntouched();
    }

    @Test
    void delete_leavesAnOciWhiteoutAndRecreatedDirectoryIsOpaque() throws IOException {
        Container c = open(CopyUp.JDK);
        c.delete("var/lib/app");
        assertTrue(Files.exists(dir.resolve("upper/var/lib/" + Whiteouts.PREFIX + "app")));
        assertTrue(c.lookup("var/lib/app/state").isEmpty());
        c.mkdir("var/lib/app", 0700);
        assertTrue(Files.exists(dir.resolve("upper/var/lib/app/" + Whiteouts.OPAQUE)));
        assertEquals(List.of(), c.list("var/lib/app"), "the lower content stays hidden");
        c.create("var/lib/app/fresh", "new".getBytes(StandardCharsets.UTF_8), 0600);
        assertEquals(List.of("fresh"), c.list("var/lib/app"));
        assertLowerUntouched();
    }

    @Test
    void rename_movesAFileAndWhitesOutTheOldName() throws IOException {
        Container c = open(CopyUp.STREAM);
        c.rename("usr/bin/tool", "etc/tool");
        assertTrue(c.lookup("usr/bin/tool").isEmpty());
        assertEquals(
                "#!/bin/sh\n",
                Files.readString(c.lookup("etc/tool").orElseThrow().realPath()));
        assertEquals(List.of("config", "tool"), c.list("etc"));
        assertLowerUntouched();
    }

    @Test
    void create_refusesExistingPathsAndMissingParents() throws IOException {
        Container c = open(CopyUp.JDK);
        assertThrows(FileAlreadyExistsException.class, () -> c.create("etc/config", new byte[0], 0644));
        assertThrows(NoSuchFileException.class, () -> c.create("nope/x", new byte[0], 0644));
        assertThrows(IOException.class, () -> c.create("etc/config/x", new byte[0], 0644));
        assertFalse(Files.exists(dir.resolve("upper/etc")), "nothing copied up for refused writes");
    }

    @Test
    void open_readsBackAnUpperWrittenBefore() throws IOException {
        Container c = open(CopyUp.JDK);
        c.delete("etc/config");
        c.create("etc/new", "n".getBytes(StandardCharsets.UTF_8), 0644);
        c.symlink("etc/link", "new");
        c.chmod("usr/bin/tool", 0700);
        Map<String, String> before = ComparableTrees.of(c);
        Container again = open(CopyUp.JDK);
        ComparableTrees.assertSame(before, ComparableTrees.of(again), "reopened");
        assertEquals(EntryKind.SYMLINK, again.lookup("etc/link").orElseThrow().kind());
        assertEquals(0700, again.lookup("usr/bin/tool").orElseThrow().mode());
    }

    @Test
    void truncate_extendsAndShrinks() throws IOException {
        Container c = open(CopyUp.JDK);
        c.truncate("etc/config", 4);
        assertEquals(
                "orig", Files.readString(c.lookup("etc/config").orElseThrow().realPath()));
        c.truncate("etc/config", 10);
        assertEquals(10, c.lookup("etc/config").orElseThrow().size());
    }

    @Test
    void clone_failsLoudlyWhereTheFilesystemCannotClone() throws IOException {
        Container c = open(CopyUp.CLONE);
        String fs = Files.getFileStore(dir).type();
        if (fs.equals("xfs") || fs.equals("btrfs")) {
            c.write("etc/config", 0, "x".getBytes(StandardCharsets.UTF_8));
            assertEquals("xriginal config", Files.readString(dir.resolve("upper/etc/config")));
        } else {
            PosixException e = assertThrows(PosixException.class, () -> c.write("etc/config", 0, new byte[] {1}));
            assertTrue(e.getMessage().contains("FICLONE"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("upper/etc/config")), "no half-made copy is left");
        }
        assertLowerUntouched();
    }
}
