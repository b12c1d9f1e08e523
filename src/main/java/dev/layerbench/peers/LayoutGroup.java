package dev.layerbench.peers;

import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.fs.Trees;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.layout.Instance;
import dev.layerbench.layout.Layout;
import dev.layerbench.layout.LayoutKind;
import dev.layerbench.layout.LayoutOptions;
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
 * N containers of one image of the dataset (10; 2 with --quick), the time to create all N: the project's layouts
 * {@code shared} (a union stack and an empty upper each), {@code flat} (a copy of the flattened tree each) and
 * {@code file-dedup} (links into a file content store) against kernel overlay mounts of the same layer directories
 * (the {@code shared-kernel} layout: mount(2) per container, root only), {@code cp -a} and {@code cp -al} of the
 * flattened tree. Shared bases (layer directories, templates, the content store, the flattened tree for cp) are made
 * once before the row; the containers are removed after each run, outside the timed part.
 */
final class LayoutGroup implements Comparisons {

    static final String GROUP = "layout";

    private final AtomicInteger names = new AtomicInteger();

    @Override
    public List<PeerComparison> run(Session s) throws IOException {
        int n = s.options.quick() ? 2 : 10;
        Path dir = s.work.resolve("layout");
        List<PeerComparison> rows = new ArrayList<>();
        BuiltDataset data = s.dataset();
        String ref = data.tags().getFirst();
        try (ImageArchive archive = ImageArchive.open(data.root())) {
            Image image = archive.image(ref);
            Files.createDirectories(dir);
            Path flatRoot = dir.resolve("flattened");
            s.say(GROUP + ": flattening " + ref + " for cp");
            Unpacker.flatten(archive, image, flatRoot, UnpackOptions.flatten());
            String what = n + " containers of " + ref + " of " + data.name();
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
            return s.compare(
                    GROUP,
                    what,
                    side(kind),
                    containers(ours, image, n),
                    peer,
                    containers(kernel, image, n),
                    "per run: N containers created; both over the same unpacked layer directories");
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
                    return System.nanoTime() - start;
                } finally {
                    Trees.delete(copies);
                }
            };
            return s.compare(
                    GROUP,
                    what,
                    side(kind),
                    containers(ours, image, n),
                    peer,
                    cpTrial,
                    "per run: N containers created; cp with a process start per container",
                    List.of("cp"));
        }
    }

    /** N containers created (timed), then removed (untimed). */
    private Trial containers(Layout layout, Image image, int n) {
        return () -> {
            List<Instance> made = new ArrayList<>();
            try {
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    made.add(layout.create("c-" + names.incrementAndGet(), image));
                }
                return System.nanoTime() - start;
            } finally {
                for (Instance c : made) {
                    layout.remove(c);
                }
            }
        };
    }
}
