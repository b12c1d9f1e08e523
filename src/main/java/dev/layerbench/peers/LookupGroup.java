package dev.layerbench.peers;

import dev.layerbench.dataset.StackFixture;
import dev.layerbench.fs.Trees;
import dev.layerbench.union.LayerCache;
import dev.layerbench.union.LayerStack;
import dev.layerbench.union.Lookup;
import dev.layerbench.union.StackIndex;
import dev.layerbench.union.UnionView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Union lookup by depth (1, 8, 32, 128, 500; 1 and 8 with --quick) against {@code lstat} through a kernel overlay
 * mount of the same layer directories ({@code lowerdir=...}, read-only), warm and first after open/mount. The
 * kernel's side is measured twice where it can be: from Java ({@code Files.readAttributes}, NOFOLLOW), which carries
 * the JVM's overhead as the PROJECT's side does, and from a small C program ({@link NativeStat}) timing the system
 * call alone. Needs root (mount) and gcc for the native rows.
 */
final class LookupGroup implements Comparisons {

    static final String GROUP = "lookup";
    static final int BASE_FILES = 1000;
    /** An empty directory beside the layers, for the kernel's read-only mount of a single layer. */
    private static final String EMPTY = "empty";

    private static final int PROJECT_CALLS = 100_000;
    private static final int JAVA_STAT_CALLS = 20_000;
    private static final int NATIVE_CALLS = 100_000;

    private static final Side PROJECT =
            new Side("UnionView INDEXED lookup", Side.Kind.STEADY, "LayerStack.view(INDEXED).lookup(PATH)", null);
    private static final Side JAVA_STAT = new Side(
            "kernel overlay, Java lstat", Side.Kind.STEADY, "Files.readAttributes(MNT/PATH, NOFOLLOW_LINKS)", null);
    private static final Side NATIVE_STAT =
            new Side("kernel overlay, C lstat", Side.Kind.NATIVE, "lstat(MNT/PATH) in a C loop", null);
    private static final Side MERGED = new Side(
            "MERGED: open + first lookup",
            Side.Kind.STEADY,
            "LayerStack.of(layers, LayerCache.cold()).view(INDEXED).lookup(PATH)",
            null);
    private static final Side PERSISTED = new Side(
            "PERSISTED: open + first lookup", Side.Kind.STEADY, "StackIndex.open(stack, FILE).lookup(PATH)", null);
    private static final Side MERGED_FIRST = new Side(
            "MERGED: first lookup after open", Side.Kind.STEADY, "view(INDEXED).lookup(PATH), open untimed", null);
    private static final Side KERNEL_FIRST = new Side(
            "kernel overlay: mount(2) + first lstat", Side.Kind.NATIVE, "mount(2) ro + lstat(MNT/PATH) in C", null);
    private static final Side JAVA_FIRST = new Side(
            "kernel overlay: first Java lstat after mount",
            Side.Kind.STEADY,
            "Files.readAttributes(MNT/PATH, NOFOLLOW_LINKS), mount untimed",
            null);

    @Override
    public List<PeerComparison> run(Session s) throws IOException {
        List<Integer> depths = s.options.quick() ? List.of(1, 8) : List.of(1, 8, 32, 128, 500);
        List<PeerComparison> rows = new ArrayList<>();
        Optional<String> why = s.needsRoot("mounts overlayfs");
        Path dir = s.work.resolve("lookup");
        if (why.isEmpty()) {
            why = Mounts.overlayProblem(s.work);
        }
        Optional<String> gcc = s.tools.missing("gcc");
        try {
            NativeStat c = why.isEmpty() && gcc.isEmpty() ? NativeStat.compile(dir.resolve("native")) : null;
            for (int depth : depths) {
                String d = "depth " + depth;
                if (why.isPresent()) {
                    for (Side[] pair : new Side[][] {
                        {PROJECT, JAVA_STAT},
                        {PROJECT, NATIVE_STAT},
                        {MERGED, KERNEL_FIRST},
                        {PERSISTED, KERNEL_FIRST},
                        {MERGED_FIRST, JAVA_FIRST}
                    }) {
                        rows.add(Session.skipped(GROUP, d, pair[0], pair[1], why.get()));
                    }
                    continue;
                }
                try {
                    rows.addAll(depth(s, c, gcc, dir, depth));
                } catch (IOException e) {
                    rows.add(Session.skipped(GROUP, d, PROJECT, JAVA_STAT, "failed: " + e.getMessage()));
                }
            }
        } finally {
            Trees.delete(dir);
        }
        return rows;
    }

    private List<PeerComparison> depth(Session s, NativeStat c, Optional<String> gcc, Path dir, int depth)
            throws IOException {
        List<PeerComparison> rows = new ArrayList<>();
        String d = "depth " + depth + (depth == 1 ? " (kernel: over an extra empty lower, it needs two)" : "");
        s.say(GROUP + ": building a stack of depth " + depth);
        Files.createDirectories(dir);
        StackFixture stack = StackFixture.create(dir, depth, BASE_FILES, StackFixture.TopWhiteout.NONE);
        Files.createDirectories(stack.root().resolve(EMPTY));
        Path mnt = dir.resolve("mnt-" + depth);
        Path index = dir.resolve("index-" + depth);
        LayerStack warmStack = LayerStack.of(stack.layers(), LayerCache.cold());
        StackIndex.write(warmStack, index);
        UnionView view = warmStack.view(Lookup.INDEXED);
        check(view, depth);
        Mounts.overlay(stack.root(), lowerdir(stack), mnt);
        try {
            for (String path : List.of(StackFixture.HIT_BOTTOM, StackFixture.MISS)) {
                String what = d + ", warm, " + (path.equals(StackFixture.MISS) ? "miss " : "bottom-layer hit ") + path;
                Path through = mnt.resolve(path);
                if (Files.exists(through, LinkOption.NOFOLLOW_LINKS)
                        != view.lookup(path).isPresent()) {
                    throw new PeersException(through + ": the mount and the union view disagree");
                }
                Trial ours = Trial.perCall(PROJECT_CALLS, () -> view.lookup(path));
                if (path.equals(StackFixture.HIT_BOTTOM)) {
                    rows.add(s.compare(
                            GROUP,
                            what,
                            PROJECT,
                            ours,
                            JAVA_STAT,
                            Trial.perCall(
                                    JAVA_STAT_CALLS,
                                    () -> Files.readAttributes(
                                            through, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)),
                            "per lookup; both in the JVM"));
                }
                if (c != null) {
                    rows.add(s.compare(
                            GROUP,
                            what,
                            PROJECT,
                            ours,
                            NATIVE_STAT,
                            () -> c.loop(through, NATIVE_CALLS),
                            "per lookup; the kernel's system call alone"));
                } else {
                    rows.add(Session.skipped(GROUP, what, PROJECT, NATIVE_STAT, gcc.orElse("")));
                }
            }
        } finally {
            Mounts.unmount(mnt);
        }
        String first = d + ", first lookup of " + StackFixture.HIT_BOTTOM;
        Trial mergedTrial = Trial.timed(() -> LayerStack.of(stack.layers(), LayerCache.cold())
                .view(Lookup.INDEXED)
                .lookup(StackFixture.HIT_BOTTOM)
                .orElseThrow());
        if (c != null) {
            Trial kernelBoth = () -> {
                long[] r = c.mountAndStat(stack.root(), lowerdir(stack), mnt, mnt.resolve(StackFixture.HIT_BOTTOM));
                return r[0] + r[1];
            };
            rows.add(s.compare(
                    GROUP,
                    first,
                    MERGED,
                    mergedTrial,
                    KERNEL_FIRST,
                    kernelBoth,
                    "open (cold cache) vs mount; then the first lookup"));
            rows.add(s.compare(
                    GROUP,
                    first,
                    PERSISTED,
                    Trial.timed(() -> StackIndex.open(LayerStack.of(stack.layers(), LayerCache.cold()), index)
                            .lookup(StackFixture.HIT_BOTTOM)
                            .orElseThrow()),
                    KERNEL_FIRST,
                    kernelBoth,
                    "open of the persisted index vs mount; then the first lookup"));
        } else {
            rows.add(Session.skipped(GROUP, first, MERGED, KERNEL_FIRST, gcc.orElse("")));
            rows.add(Session.skipped(GROUP, first, PERSISTED, KERNEL_FIRST, gcc.orElse("")));
        }
        rows.add(s.compare(
                GROUP,
                first,
                MERGED_FIRST,
                firstAfterOpen(stack),
                JAVA_FIRST,
                Trial.of(
                        () -> Mounts.overlay(stack.root(), lowerdir(stack), mnt),
                        () -> Files.readAttributes(
                                mnt.resolve(StackFixture.HIT_BOTTOM),
                                BasicFileAttributes.class,
                                LinkOption.NOFOLLOW_LINKS),
                        () -> Mounts.unmount(mnt)),
                "open/mount untimed; both in the JVM"));
        Trees.delete(stack.root());
        return rows;
    }

    /** The first lookup in a view over a cold cache, the view made outside the timed part. */
    private static Trial firstAfterOpen(StackFixture stack) {
        UnionView[] view = new UnionView[1];
        return Trial.of(
                () -> view[0] = LayerStack.of(stack.layers(), LayerCache.cold()).view(Lookup.INDEXED),
                () -> view[0].lookup(StackFixture.HIT_BOTTOM).orElseThrow(),
                () -> view[0] = null);
    }

    /**
     * The read-only overlay option for {@code stack}, relative to its root. The kernel wants two lower layers for a
     * mount without an upper, so a stack of one layer is mounted over the empty directory {@link #EMPTY} beside it.
     */
    private static String lowerdir(StackFixture stack) {
        List<String> names = stack.names();
        return Mounts.lowerdir(names.size() == 1 ? List.of(EMPTY, names.getFirst()) : names);
    }

    private static void check(UnionView view, int depth) throws PeersException {
        if (view.lookup(StackFixture.HIT_BOTTOM).isEmpty()
                || view.lookup(StackFixture.HIT_TOP).isEmpty()
                || view.lookup(StackFixture.MISS).isPresent()
                || view.depth() != depth) {
            throw new PeersException("lookup: the stack of depth " + depth + " does not read back as built");
        }
    }
}
