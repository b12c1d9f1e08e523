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
     * @param reads       page cache and read times after each container read its working set, if asked
     * @param runs        a command's cold and warm start in each container, if asked
     * @param label       the layout's name with its variant ({@link Layout#label()}: {@code file-dedup-reflink})
     * @param walk        an {@code ls -lR}-style walk of the first container, cold and warm, if asked
     */
    public record Result(
            LayoutKind kind,
            int n,
            long createNanos,
            long removeNanos,
            DiskUsage base,
            DiskUsage containers,
            Optional<WriteWorkload.Result> writes,
            Optional<DiskUsage> afterWrites,
            Optional<ReadRun.Result> reads,
            Optional<CommandRun.Result> runs,
            String label,
            Optional<MetadataWalk.Result> walk) {

        public Result(
                LayoutKind kind,
                int n,
                long createNanos,
                long removeNanos,
                DiskUsage base,
                DiskUsage containers,
                Optional<WriteWorkload.Result> writes,
                Optional<DiskUsage> afterWrites,
                Optional<ReadRun.Result> reads,
                Optional<CommandRun.Result> runs,
                String label) {
            this(
                    kind,
                    n,
                    createNanos,
                    removeNanos,
                    base,
                    containers,
                    writes,
                    afterWrites,
                    reads,
                    runs,
                    label,
                    Optional.empty());
        }

        public Result(
                LayoutKind kind,
                int n,
                long createNanos,
                long removeNanos,
                DiskUsage base,
                DiskUsage containers,
                Optional<WriteWorkload.Result> writes,
                Optional<DiskUsage> afterWrites) {
            this(
                    kind,
                    n,
                    createNanos,
                    removeNanos,
                    base,
                    containers,
                    writes,
                    afterWrites,
                    Optional.empty(),
                    Optional.empty(),
                    kind.label());
        }

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

    /**
     * What a run does besides creating, measuring and removing.
     *
     * @param workload writes in each container, after the reads
     * @param warmups  containers per image made and removed untimed first
     * @param read     the working set each container reads (page cache measured after; root)
     * @param command  a command started in each container (kernel-visible layouts; replayed reads for {@code shared})
     * @param walk     a metadata walk of the first container, cold and warm (root: caches dropped)
     */
    public record Options(
            Optional<WriteWorkload> workload,
            int warmups,
            Optional<ReadSet> read,
            Optional<String> command,
            boolean walk) {

        public Options {
            if (warmups < 0) {
                throw new IllegalArgumentException("warmups must be >= 0, got " + warmups);
            }
        }

        public static Options of(Optional<WriteWorkload> workload, int warmups) {
            return new Options(workload, warmups, Optional.empty(), Optional.empty(), false);
        }

        public Options withRead(Optional<ReadSet> r) {
            return new Options(workload, warmups, r, command, walk);
        }

        public Options withCommand(Optional<String> c) {
            return new Options(workload, warmups, read, c, walk);
        }

        public Options withWalk(boolean w) {
            return new Options(workload, warmups, read, command, w);
        }
    }

    private LayoutRun() {}

    /** Creates {@code n} containers in an open layout, measures, runs {@code workload} if given, removes them. */
    public static Result run(Layout layout, int n, Optional<WriteWorkload> workload) throws IOException {
        return run(layout, n, workload, 0);
    }

    /**
     * As {@link #run(Layout, int, Optional)}, after {@code warmups} containers per image made and removed untimed (so
     * that class loading and the JIT's first compilations are not timed; the kernel's caches stay as warm as they
     * would be).
     */
    public static Result run(Layout layout, int n, Optional<WriteWorkload> workload, int warmups) throws IOException {
        return run(layout, n, Options.of(workload, warmups));
    }

    /** Creates {@code n} containers, measures the disk, reads and runs as {@code options} say, writes, removes them. */
    public static Result run(Layout layout, int n, Options options) throws IOException {
        Optional<WriteWorkload> workload = options.workload();
        int warmups = options.warmups();
        if (n < 1 || warmups < 0) {
            throw new IllegalArgumentException(
                    "a run needs at least one container and warmups >= 0, got " + n + ", " + warmups);
        }
        List<Image> images = layout.images();
        for (int w = 0; w < warmups; w++) {
            for (Image image : images) {
                layout.remove(layout.create("warmup-" + w + "-" + images.indexOf(image), image));
            }
        }
        List<Instance> made = new java.util.ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            made.add(layout.create("run-" + i, images.get(i % images.size())));
        }
        long create = System.nanoTime() - start;
        DiskUsage base = usage(layout, List.of());
        DiskUsage containers = usage(layout, made).minus(base);
        Optional<MetadataWalk.Result> walk =
                options.walk() ? Optional.of(MetadataWalk.run(layout, made.getFirst())) : Optional.empty();
        Optional<ReadRun.Result> reads = Optional.empty();
        if (options.read().isPresent()) {
            reads = Optional.of(ReadRun.run(
                    layout,
                    made,
                    i -> images.get(i % images.size()),
                    options.read().get()));
        }
        Optional<CommandRun.Result> runs = Optional.empty();
        if (options.command().isPresent()) {
            runs = Optional.of(CommandRun.run(
                    layout,
                    made,
                    i -> images.get(i % images.size()),
                    options.command().get()));
        }
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
        return new Result(
                layout.kind(), n, create, remove, base, containers, writes, after, reads, runs, layout.label(), walk);
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
