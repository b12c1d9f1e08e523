package dev.layerbench.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerbench.fs.Mount;
import dev.layerbench.fs.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path dir;

    /** A layout directory as a process killed with SIGKILL midway leaves it: an owner that is gone, a mount inside. */
    private Path killed(String pid) throws IOException {
        Path d = Files.createDirectory(dir.resolve("layerbench-erofs-killed"));
        Files.writeString(d.resolve(Workspace.OWNER), pid + " -\n");
        Path m = Files.createDirectories(d.resolve(Workspace.MOUNTS).resolve("erofs-x"));
        Mount.mount("tmpfs", m, "tmpfs", 0, "size=1m");
        return d;
    }

    @Test
    void sweep_unmountsAndDeletesALayoutWhoseProcessIsGone() throws IOException, InterruptedException {
        assumeTrue(Posix.isRoot(), "needs root (mounts)");
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path d = killed(Long.toString(p.pid()));
        Path other =
                Files.createDirectory(dir.resolve("layerbench-flat-untouched")); // no owner file: not ours to sweep
        assertEquals(1, Mount.under(dir).size());
        Workspace.sweep(dir);
        assertEquals(List.of(), Mount.under(dir));
        assertFalse(Files.exists(d));
        assertTrue(Files.isDirectory(other));
    }

    @Test
    void sweep_leavesALiveProcessesLayout() throws IOException {
        assumeTrue(Posix.isRoot(), "needs root (mounts)");
        ProcessHandle self = ProcessHandle.current();
        Path d = killed(self.pid() + " " + self.info().startInstant().orElseThrow());
        Files.writeString(
                d.resolve(Workspace.OWNER),
                self.pid() + " " + self.info().startInstant().orElseThrow() + "\n");
        try {
            Workspace.sweep(dir);
            assertEquals(1, Mount.under(dir).size());
            assertTrue(Files.isDirectory(d));
        } finally {
            Mount.unmountAll(dir);
        }
    }
}
