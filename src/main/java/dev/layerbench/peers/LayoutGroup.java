package dev.layerbench.peers;

import dev.layerbench.fs.DiskUsage;
import dev.layerbench.fs.Trees;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.layout.Instance;
import dev.layerbench.layout.Layout;
import dev.layerbench.layout.LayoutKind;
import dev.layerbench.layout.LayoutOptions;
import dev.layerbench.layout.LayoutRun;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.Unpacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N containers ({@code --containers}, default 10; 2 with --quick) of one image ({@code --image}/{@code --ref}, else
 * the dataset's first), the time to create all N: the project's layouts
 * {@code shared} (a union stack and an empty upper each), {@code flat} (a copy of the flattened tree each) and
 * {@code file-dedup} (links into a file content store) against kernel overlay mounts of the same layer directories
 * (the {@code shared-kernel} layout: mount(2) per container, root only), {@code cp -a} and {@code cp -al} of the
 * flattened tree. Shared bases (layer directories, templates, the content store, the flattened tree for cp) are made
 * once before the row; the containers are measured on disk (what they add to their base: st_blocks and inodes, each
 * inode once, mounts not entered; the row's note gives it per container) and removed after each run, outside the
 * timed part.
 */
final class LayoutGroup implements Comparisons {

    static final String GROUP = "layout";

    private final AtomicInteger names = new AtomicInteger();

    @Override
    public List<PeerComparison> run(Session s) throws IOException {
        int n = s.options.containers();
        Path dir = s.work.resolve("layout");
        List<PeerComparison> rows = new ArrayList<>();
        Session.ImageInput input = s.image();
        String ref = input.ref();
        try (ImageArchive archive = ImageArchive.open(input.layout())) {
            Image image = archive.image(ref);
            Files.createDirectories(dir);
            Path flatRoot = dir.resolve("flattened");
            s.say(GROUP + ": flattening " + ref + " for cp");
            Unpacker.flatten(archive, image, flatRoot, UnpackOptions.flatten());
            String what = n + " containers of " + ref + " of " + input.name();
            Optional<String> kernel = LayoutKind.SHARED_KERNEL.unavailable();
            rows.add(layoutVsLayout(s, archive, image, dir, n, what, LayoutKind.SHARED, kernel));
            rows.add(layoutVsCp(s, archive, image, dir, flatRoot, n, what, LayoutKind.FLAT, List.of("cp", "-a")));
            rows.add(
                    layoutVsCp(s, archive, image, dir, flatRoot, n, what, LayoutKind.FILE_DEDUP, List.of("cp", "-al")));
        } finally {
            Trees.delete(dir);
        }
        return rows;
    }

    private static Side side(LayoutKind kind) {
        return new Side(
                "layout " + kind.label(),
                Side.Kind.STEADY,
                "LayoutKind." + kind + ".open(...).create(NAME, image) x N",
                null);
    }

    private PeerComparison layoutVsLayout(
            Session s,
            ImageArchive archive,
            Image image,
            Path dir,
            int n,
            String what,
            LayoutKind kind,
            Optional<String> kernelProblem)
            throws IOException {
        Side peer = new Side(
                "kernel overlay mounts",
                Side.Kind.STEADY,
                "layout shared-kernel: mkdir upper/work + mount(2) overlay per container",
                null);
        if (kernelProblem.isPresent()) {
            return Session.skipped(GROUP, what, side(kind), peer, kernelProblem.get());
        }
        try (Layout ours = kind.open(archive, List.of(image), dir, LayoutOptions.defaults());
                Layout kernel = LayoutKind.SHARED_KERNEL.open(archive, List.of(image), dir, LayoutOptions.defaults())) {
            Usage ourUsage = new Usage();
            Usage kernelUsage = new Usage();
            PeerComparison row = s.compare(
                    GROUP,
                    what,
                    side(kind),
                    containers(ours, image, n, ourUsage),
                    peer,
                    containers(kernel, image, n, kernelUsage),
                    "per run: N containers created; both over the same unpacked layer directories");
            return Usage.note(row, n, ourUsage, kernelUsage);
        }
    }

    private PeerComparison layoutVsCp(
            Session s,
            ImageArchive archive,
            Image image,
            Path dir,
            Path flatRoot,
            int n,
            String what,
            LayoutKind kind,
            List<String> cp)
            throws IOException {
        String shown = String.join(" ", cp) + " FLATTENED containers/I";
        Side peer = new Side(String.join(" ", cp), Side.Kind.PROCESS, shown + " x N", null);
        Path copies = dir.resolve("cp");
        try (Layout ours = kind.open(archive, List.of(image), dir, LayoutOptions.defaults())) {
            Usage ourUsage = new Usage();
            Usage cpUsage = new Usage();
            Trial cpTrial = () -> {
                Files.createDirectories(copies);
                try {
                    long start = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        List<String> cmd = new ArrayList<>(cp);
                        cmd.addAll(List.of(
                                flatRoot.toString(),
                                copies.resolve("c-" + names.incrementAndGet()).toString()));
                        Processes.run(null, cmd);
                    }
                    long took = System.nanoTime() - start;
                    // what the copies add to the flattened tree they were made from (cp -al: links, no data)
                    cpUsage.last = new DiskUsage.Walker(DiskUsage.Devices.ONE)
                            .add(flatRoot)
                            .add(copies)
                            .usage()
                            .minus(DiskUsage.of(flatRoot));
                    return took;
                } finally {
                    Trees.delete(copies);
                }
            };
            PeerComparison row = s.compare(
                    GROUP,
                    what,
                    side(kind),
                    containers(ours, image, n, ourUsage),
                    peer,
                    cpTrial,
                    "per run: N containers created; cp with a process start per container",
                    List.of("cp"));
            return Usage.note(row, n, ourUsage, cpUsage);
        }
    }

    /**
     * N containers created (timed), then measured on disk into {@code usage} (what they add to the layout's base, each
     * inode once, mounts not entered) and removed (both untimed).
     */
    private Trial containers(Layout layout, Image image, int n, Usage usage) {
        return () -> {
            List<Instance> made = new ArrayList<>();
            try {
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    made.add(layout.create("c-" + names.incrementAndGet(), image));
                }
                long took = System.nanoTime() - start;
                usage.last = LayoutRun.usage(layout, made).minus(DiskUsage.of(layout.base()));
                return took;
            } finally {
                for (Instance c : made) {
                    layout.remove(c);
                }
            }
        };
    }

    /** The disk usage a side's last run left, before its removal. */
    private static final class Usage {
        DiskUsage last;

        /** The row with both sides' bytes and inodes per container in its note, when both were measured. */
        static PeerComparison note(PeerComparison row, int n, Usage project, Usage peer) {
            if (project.last == null || peer.last == null) {
                return row;
            }
            String disk = String.format(
                    java.util.Locale.ROOT,
                    "disk per container: %,d B %,.1f inodes vs %,d B %,.1f inodes",
                    project.last.bytes() / n,
                    project.last.inodes() / (double) n,
                    peer.last.bytes() / n,
                    peer.last.inodes() / (double) n);
            return new PeerComparison(
                    row.group(), row.what(), row.project(), row.peer(), Session.join(row.note(), disk));
        }
    }
}
