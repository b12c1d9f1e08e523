package dev.layerbench.peers;

import dev.layerbench.fs.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Kernel overlay mounts and loop filesystems for the kernel's rows, through mount(8) and umount(8); each is
 * unmounted by whoever mounted it, in a finally.
 */
final class Mounts {

    private Mounts() {}

    /**
     * Mounts an overlay at {@code mnt} with {@code options} (lowerdir=..., upperdir=..., workdir=...), run in
     * {@code cwd} so the layer names in the options can be relative and short (a page holds the whole option string).
     */
    static void overlay(Path cwd, String options, Path mnt) throws IOException {
        Files.createDirectories(mnt);
        Processes.run(cwd, List.of("mount", "-t", "overlay", "overlay", "-o", options, mnt.toString()));
    }

    /** Unmounts; lazily if busy. */
    static void unmount(Path mnt) throws IOException {
        try {
            Processes.run(null, List.of("umount", mnt.toString()));
        } catch (IOException e) {
            Processes.run(null, List.of("umount", "-l", mnt.toString()));
        }
    }

    /** The lowerdir option for layers {@code names}, bottom first (the kernel lists the top first). */
    static String lowerdir(List<String> bottomFirst) {
        List<String> top = new ArrayList<>(bottomFirst);
        java.util.Collections.reverse(top);
        return "lowerdir=" + String.join(":", top);
    }

    /** Whether overlayfs can be mounted here (root, module present): empty when it can, else why not. */
    static java.util.Optional<String> overlayProblem(Path scratch) {
        Path base = scratch.resolve("probe");
        try {
            Files.createDirectories(base.resolve("a"));
            Files.createDirectories(base.resolve("b"));
            overlay(base, "lowerdir=a:b", base.resolve("m"));
            unmount(base.resolve("m"));
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.of("cannot mount overlayfs here: " + e.getMessage());
        } finally {
            try {
                Trees.delete(base);
            } catch (IOException e) {
                // left for the work directory's removal
            }
        }
    }

    /** A loop filesystem: a sparse image of {@code size}, made with {@code mkfs} and mounted at {@code mnt}. */
    static void loop(Path image, long size, List<String> mkfs, Path mnt) throws IOException {
        Processes.run(null, List.of("truncate", "-s", Long.toString(size), image.toString()));
        List<String> cmd = new ArrayList<>(mkfs);
        cmd.add(image.toString());
        Processes.run(null, cmd);
        Files.createDirectories(mnt);
        Processes.run(null, List.of("mount", "-o", "loop", image.toString(), mnt.toString()));
    }
}
