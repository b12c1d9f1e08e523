package dev.layerbench.layout;

import dev.layerbench.fs.DiskUsage;
import dev.layerbench.image.Image;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One measured round of a layout: N containers created (images taken in turn), the disk measured, optionally a
 * write workload run in each and the disk measured again, then every container removed. What the {@code layout} tool
 * prints and the README's table holds.
 */
public final class LayoutRun {

    /**
     * @param base        what the shared base uses (counted first: containers' links into it cost nothing more)
     * @param containers  what the N containers use beyond the base, each inode counted once
     * @param afterWrites what the containers use beyond the base after the workload, if one ran
     */
    public record Result(LayoutKind kind, int n, long createNanos, long removeNanos, DiskUsage base, DiskUsage containers,
                         Optional<WriteWorkload.Result> writes, Optional<DiskUsage> afterWrites) {

        public double createMillisPerContainer() {
            return createNanos / 1e6 / n;
        }

        public double removeMillisPerContainer() {
            return removeNanos / 1e6 / n;
        }

        public double bytesPerContainer() {
            return (double) containers.bytes() / n;
        }

        public double inodesPerContainer() {
            return (double) containers.inodes() / n;
        }
    }

    private LayoutRun() {
    }

    /** Creates {@code n} containers in an open layout, measures, runs {@code workload} if given, removes them. */
    public static Result run(Layout layout, int n, Optional<WriteWorkload> workload) throws IOException {
        if (n < 1) {
            throw new IllegalArgumentException("a run needs at least one container, got " + n);
        }
        List<Image> images = layout.images();
        List<Instance> made = new java.util.ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            made.add(layout.create("run-" + i, images.get(i % images.size())));
        }
        long create = System.nanoTime() - start;
        DiskUsage base = usage(layout, List.of());
        DiskUsage containers = usage(layout, made).minus(base);
        Optional<WriteWorkload.Result> writes = Optional.empty();
        Optional<DiskUsage> after = Optional.empty();
        if (workload.isPresent()) {
            WriteWorkload w = workload.get();
            WriteWorkload.Result total = new WriteWorkload.Result(0, 0, 0);
            java.util.Map<Image, List<String>> chosen = new java.util.HashMap<>();
            for (int i = 0; i < made.size(); i++) {
                Image image = images.get(i % images.size());
                Instance c = made.get(i);
                List<String> paths = chosen.get(image);
                if (paths == null) {
                    paths = w.choose(c);
                    chosen.put(image, paths);
                }
                total = total.plus(w.apply(c, paths));
            }
            writes = Optional.of(total);
            after = Optional.of(usage(layout, made).minus(base));
        }
        start = System.nanoTime();
        for (Instance c : made) {
            layout.remove(c);
        }
        long remove = System.nanoTime() - start;
        return new Result(layout.kind(), n, create, remove, base, containers, writes, after);
    }

    /** The base's usage plus the containers' (inodes counted once overall; mounts inside not entered). */
    public static DiskUsage usage(Layout layout, List<Instance> containers) throws IOException {
        DiskUsage.Walker w = new DiskUsage.Walker(DiskUsage.Devices.ONE).add(layout.base());
        for (Instance c : containers) {
            w.add(c.dir());
        }
        return w.usage();
    }
}
