package dev.layerbench.peers;

import dev.layerbench.container.Container;
import dev.layerbench.container.ContainerOptions;
import dev.layerbench.container.CopyUp;
import dev.layerbench.fs.Trees;
import dev.layerbench.union.LayerCache;
import dev.layerbench.union.LayerStack;
import dev.layerbench.unpack.WhiteoutForm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first write to a lower file of 4 KiB, 1 MiB, 64 MiB, 512 MiB (4 KiB and 1 MiB with --quick): a
 * {@link Container}'s copy-up (JDK strategy, FSYNC) against the kernel overlay's write-triggered copy-up (open the
 * file for append through a read-write overlay mount, write a byte, fsync) and against {@code cp}; then, on XFS
 * (reflink=1) and btrfs loop filesystems made for the run, the CLONE strategy against {@code cp --reflink=always} and
 * the kernel's copy-up there. Each run gets a fresh upper (and mount) made and removed outside the timed part.
 */
final class CopyUpGroup implements Comparisons {

    static final String GROUP = "copyup";
    static final String FILE = "data/file";
    static final long LOOP_SIZE = 3L << 30;

    private final AtomicInteger fresh = new AtomicInteger();

    /** A filesystem to copy up on: where it is and how the project copies there. */
    private record Target(String name, Path base, CopyUp copyUp) {}

    @Override
    public List<PeerComparison> run(Session s) throws IOException {
        List<Long> sizes =
                s.options.quick() ? List.of(4096L, 1L << 20) : List.of(4096L, 1L << 20, 64L << 20, 512L << 20);
        Path dir = s.work.resolve("copyup");
        List<PeerComparison> rows = new ArrayList<>();
        Optional<String> kernel = s.needsRoot("mounts overlayfs");
        if (kernel.isEmpty()) {
            kernel = Mounts.overlayProblem(s.work);
        }
        try {
            Files.createDirectories(dir);
            String fs = Files.getFileStore(dir).type();
            rows.addAll(on(
                    s,
                    new Target(fs + " (the work directory)", dir.resolve("here"), CopyUp.JDK),
                    sizes,
                    kernel,
                    false));
            for (String loopFs : List.of("xfs", "btrfs")) {
                Target t = new Target(loopFs + " loop", dir.resolve(loopFs), CopyUp.CLONE);
                Optional<String> loop =
                        s.needsRoot("mounts a loop filesystem").or(() -> s.tools.missing("mkfs." + loopFs));
                if (loop.isPresent()) {
                    rows.addAll(skipAll(t, sizes, loop.get()));
                    continue;
                }
                Path mnt = t.base();
                try {
                    s.say(GROUP + ": making a " + loopFs + " loop filesystem");
                    Mounts.loop(
                            dir.resolve(loopFs + ".img"),
                            LOOP_SIZE,
                            loopFs.equals("xfs")
                                    ? List.of("mkfs.xfs", "-q", "-m", "reflink=1")
                                    : List.of("mkfs.btrfs", "-q"),
                            mnt);
                } catch (IOException e) {
                    rows.addAll(skipAll(t, sizes, "cannot make the " + loopFs + " loop filesystem: " + e.getMessage()));
                    continue;
                }
                try {
                    rows.addAll(on(s, t, sizes, kernel, true));
                } finally {
                    Mounts.unmount(mnt);
                    Files.deleteIfExists(dir.resolve(loopFs + ".img"));
                }
            }
        } finally {
            Trees.delete(dir);
        }
        return rows;
    }

    private List<PeerComparison> on(Session s, Target t, List<Long> sizes, Optional<String> kernel, boolean reflink)
            throws IOException {
        List<PeerComparison> rows = new ArrayList<>();
        Side project = new Side(
                "Container copy-up " + t.copyUp() + ", FSYNC",
                Side.Kind.STEADY,
                "Container.write(PATH, size, 1 byte), CopyUp." + t.copyUp() + ", Durability.FSYNC",
                null);
        Side overlay = new Side(
                "kernel overlay copy-up",
                Side.Kind.STEADY,
                "open(MNT/PATH, O_APPEND) + write 1 byte + fsync, Java",
                null);
        Side cp = reflink
                ? new Side("cp --reflink=always", Side.Kind.PROCESS, "cp --reflink=always LOWER DEST", null)
                : new Side("cp", Side.Kind.PROCESS, "cp LOWER DEST", null);
        for (long size : sizes) {
            String what = sizeLabel(size) + " on " + t.name();
            Path lower = t.base().resolve("lower");
            Path file = lower.resolve(FILE);
            WorkFiles.randomFile(file, size, size);
            WorkFiles.readAll(file);
            LayerStack stack = LayerStack.of(List.of(lower), LayerCache.cold());
            Trial ours = container(t, stack, size);
            if (kernel.isPresent()) {
                rows.add(Session.skipped(GROUP, what, project, overlay, kernel.get()));
            } else {
                rows.add(s.compare(
                        GROUP,
                        what,
                        project,
                        ours,
                        overlay,
                        kernelCopyUp(t.base()),
                        "both copy the file into a fresh upper and fsync it"));
            }
            List<String> cmd = new ArrayList<>(List.of("cp"));
            if (reflink) {
                cmd.add("--reflink=always");
            }
            rows.add(s.compare(
                    GROUP,
                    what,
                    project,
                    ours,
                    cp,
                    () -> {
                        Path dest = t.base().resolve("cp-" + fresh.incrementAndGet());
                        List<String> c = new ArrayList<>(cmd);
                        c.addAll(List.of(file.toString(), dest.toString()));
                        try {
                            long start = System.nanoTime();
                            Processes.run(null, c);
                            return System.nanoTime() - start;
                        } finally {
                            Files.deleteIfExists(dest);
                        }
                    },
                    "cp does not fsync; project in process, cp with its process start",
                    List.of("cp")));
            Trees.delete(lower);
        }
        return rows;
    }

    /** A fresh upper per run; the first write (at the end of the file) copies the lower file up. */
    private Trial container(Target t, LayerStack stack, long size) {
        Container[] c = new Container[1];
        ContainerOptions options =
                new ContainerOptions(t.copyUp(), WhiteoutForm.OCI, ContainerOptions.Durability.FSYNC);
        return Trial.of(
                () -> c[0] = Container.open(stack, t.base().resolve("upper-" + fresh.incrementAndGet()), options),
                () -> c[0].write(FILE, size, new byte[] {42}),
                () -> Trees.delete(c[0].upper()));
    }

    /** A fresh read-write overlay per run; the timed part opens for append, writes a byte and fsyncs. */
    private Trial kernelCopyUp(Path base) {
        return () -> {
            int n = fresh.incrementAndGet();
            Path run = base.resolve("kernel-" + n);
            Files.createDirectories(run.resolve("upper"));
            Files.createDirectories(run.resolve("work"));
            Path mnt = run.resolve("mnt");
            Mounts.overlay(base, "lowerdir=lower,upperdir=kernel-" + n + "/upper,workdir=kernel-" + n + "/work", mnt);
            try {
                long start = System.nanoTime();
                try (FileChannel ch =
                        FileChannel.open(mnt.resolve(FILE), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    ch.write(ByteBuffer.wrap(new byte[] {42}));
                    ch.force(true);
                }
                return System.nanoTime() - start;
            } finally {
                Mounts.unmount(mnt);
                Trees.delete(run);
            }
        };
    }

    private static List<PeerComparison> skipAll(Target t, List<Long> sizes, String why) {
        List<PeerComparison> rows = new ArrayList<>();
        for (long size : sizes) {
            String what = sizeLabel(size) + " on " + t.name();
            rows.add(Session.skipped(
                    GROUP,
                    what,
                    new Side(
                            "Container copy-up " + t.copyUp() + ", FSYNC",
                            Side.Kind.STEADY,
                            "CopyUp." + t.copyUp(),
                            null),
                    new Side("kernel overlay copy-up / cp --reflink=always", Side.Kind.STEADY, "", null),
                    why));
        }
        return rows;
    }

    static String sizeLabel(long size) {
        return size >= 1L << 20 ? (size >> 20) + " MiB" : (size >> 10) + " KiB";
    }
}
