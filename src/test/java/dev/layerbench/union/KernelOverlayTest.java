package dev.layerbench.union;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerbench.container.Container;
import dev.layerbench.container.ContainerOptions;
import dev.layerbench.container.CopyUp;
import dev.layerbench.fs.Posix;
import dev.layerbench.oci.LayerPaths;
import dev.layerbench.testing.Commands;
import dev.layerbench.unpack.WhiteoutForm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The differential test: random stacks in the kernel's whiteout form, mounted with the kernel's overlayfs and read
 * through the project's views, must show the same paths, types, modes, sizes and contents; then the same random
 * writes through a read-write overlay mount and through a {@link Container} must leave the same trees.
 */
class KernelOverlayTest {

    private final List<Path> mounts = new ArrayList<>();
    private Path base;

    @BeforeAll
    static void needsRootAndOverlay() throws IOException {
        assumeTrue(Posix.isRoot(), "needs root to mount overlayfs and make 0/0 whiteout devices");
        Path probe = Files.createTempDirectory(Path.of("/tmp"), "ovlprobe");
        try {
            for (String d : List.of("a", "b", "m")) {
                Files.createDirectories(probe.resolve(d));
            }
            try {
                Commands.run(probe, "mount", "-t", "overlay", "overlay", "-o", "lowerdir=a:b", "m");
            } catch (IOException e) {
                assumeTrue(false, "cannot mount overlayfs here: " + e.getMessage());
            }
            Commands.run(probe, "umount", "m");
        } finally {
            Commands.run(null, "rm", "-rf", probe.toString());
        }
    }

    @AfterEach
    void unmountAndClean() throws IOException {
        for (Path m : mounts) {
            try {
                Commands.run(null, "umount", m.toString());
            } catch (IOException e) {
                Commands.run(null, "umount", "-l", m.toString());
            }
        }
        if (base != null) {
            Commands.run(null, "rm", "-rf", base.toString());
        }
    }

    private Path mount(Path mnt, String options) throws IOException {
        Files.createDirectories(mnt);
        // relative lowerdir names keep the option string short at depth 120
        Commands.run(base, "mount", "-t", "overlay", "overlay", "-o", options, mnt.toString());
        mounts.add(mnt);
        return mnt;
    }

    private static String lowerdirs(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = depth - 1; i >= 0; i--) {
            sb.append("s/").append(i).append(i > 0 ? ":" : "");
        }
        return sb.toString();
    }

    @ParameterizedTest
    @CsvSource({"1, 2", "2, 8", "3, 40", "4, 120", "5, 16", "6, 64"})
    void view_matchesTheKernelsOverlayThenWritesMatchToo(long seed, int depth) throws IOException {
        base = Files.createTempDirectory(Path.of("/tmp"), "lbk");
        RandomStacks stacks = new RandomStacks(seed, WhiteoutForm.OVERLAY);
        List<Path> layers = stacks.build(base.resolve("s"), depth, 5);
        Path ro = mount(base.resolve("ro"), "lowerdir=" + lowerdirs(depth));
        Map<String, String> kernel = ComparableTrees.of(ro);
        LayerStack stack = LayerStack.of(layers, LayerCache.cold());
        ComparableTrees.assertSame(
                kernel,
                ComparableTrees.of(stack.view(Lookup.INDEXED)),
                "indexed vs kernel, seed " + seed + ", depth " + depth);
        ComparableTrees.assertSame(
                kernel,
                ComparableTrees.of(stack.view(Lookup.NAIVE)),
                "naive vs kernel, seed " + seed + ", depth " + depth);
        ComparableTrees.assertSame(ComparableTrees.of(stacks.model()), kernel, "model vs kernel, seed " + seed);

        Files.createDirectories(base.resolve("up"));
        Files.createDirectories(base.resolve("work"));
        Path rw = mount(base.resolve("rw"), "lowerdir=" + lowerdirs(depth) + ",upperdir=up,workdir=work");
        ContainerOptions options =
                ContainerOptions.defaults().with(WhiteoutForm.OVERLAY).with(CopyUp.JDK);
        Container container = Container.open(stack, base.resolve("cup"), options);
        Random random = new Random(seed * 31);
        for (int i = 0; i < 60; i++) {
            randomWrite(random, container, rw, i);
        }
        Map<String, String> kernelAfter = ComparableTrees.of(rw);
        ComparableTrees.assertSame(
                kernelAfter, ComparableTrees.of(container), "container vs kernel after writes, seed " + seed);
        Container reopened = Container.open(stack, base.resolve("cup"), options);
        ComparableTrees.assertSame(
                kernelAfter, ComparableTrees.of(reopened), "reopened container vs kernel, seed " + seed);
        for (Path lower : layers) {
            // lower layers are never modified: the read-only mount still shows what it showed
            assumeTrue(Files.isDirectory(lower));
        }
        ComparableTrees.assertSame(kernel, ComparableTrees.of(ro), "lower layers untouched, seed " + seed);
    }

    private final List<String> deletedDirs = new ArrayList<>();

    /** One random write, applied through the container and through the kernel's mount. */
    private void randomWrite(Random random, Container c, Path mnt, int step) throws IOException {
        List<String> files = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        dirs.add("");
        List<String> links = new ArrayList<>();
        ComparableTrees.of(c).forEach((p, d) -> {
            if (d.startsWith("file")) {
                files.add(p);
            } else if (d.startsWith("dir")) {
                dirs.add(p);
            } else if (d.startsWith("symlink")) {
                links.add(p);
            }
        });
        byte[] data = ("written " + step + " ").repeat(1 + random.nextInt(50)).getBytes(StandardCharsets.UTF_8);
        int op = random.nextInt(10);
        switch (op) {
            case 0 -> {
                String p = LayerPaths.join(pick(random, dirs), "new" + step);
                c.create(p, data, 0640);
                Files.write(mnt.resolve(p), data, StandardOpenOption.CREATE_NEW);
                Posix.chmod(mnt.resolve(p), 0640);
            }
            case 1, 2 -> {
                if (files.isEmpty()) {
                    return;
                }
                String p = pick(random, files);
                long size = Files.size(mnt.resolve(p));
                long offset = size == 0 ? 0 : random.nextLong(size);
                c.write(p, offset, data);
                try (FileChannel ch = FileChannel.open(mnt.resolve(p), StandardOpenOption.WRITE)) {
                    ch.write(ByteBuffer.wrap(data), offset);
                }
            }
            case 3 -> {
                if (files.isEmpty()) {
                    return;
                }
                String p = pick(random, files);
                long size = random.nextInt(40);
                c.truncate(p, size);
                try (FileChannel ch = FileChannel.open(mnt.resolve(p), StandardOpenOption.WRITE)) {
                    if (size < ch.size()) {
                        ch.truncate(size);
                    } else if (size > ch.size()) {
                        ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
                    }
                }
            }
            case 4 -> {
                List<String> victims = new ArrayList<>(files);
                victims.addAll(links);
                if (victims.isEmpty()) {
                    return;
                }
                String p = pick(random, victims);
                c.delete(p);
                Files.delete(mnt.resolve(p));
            }
            case 5 -> {
                if (dirs.size() < 2) {
                    return;
                }
                String p = dirs.get(1 + random.nextInt(dirs.size() - 1));
                c.delete(p);
                try (Stream<Path> walk = Files.walk(mnt.resolve(p))) {
                    for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(x);
                    }
                }
                deletedDirs.add(p);
            }
            case 6 -> {
                if (files.isEmpty()) {
                    return;
                }
                String from = pick(random, files);
                String to = LayerPaths.join(pick(random, dirs), "moved" + step);
                if (to.startsWith(from + "/")) {
                    return;
                }
                c.rename(from, to);
                Files.move(mnt.resolve(from), mnt.resolve(to));
            }
            case 7 -> {
                String p = !deletedDirs.isEmpty() && random.nextBoolean()
                        ? deletedDirs.remove(random.nextInt(deletedDirs.size()))
                        : LayerPaths.join(pick(random, dirs), "dir" + step);
                String parent = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "";
                if (!Files.isDirectory(mnt.resolve(parent.isEmpty() ? "." : parent))
                        || Files.exists(mnt.resolve(p), LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                c.mkdir(p, 0750);
                Files.createDirectory(mnt.resolve(p));
                Posix.chmod(mnt.resolve(p), 0750);
            }
            case 8 -> {
                List<String> targets = new ArrayList<>(files);
                targets.addAll(dirs.subList(1, dirs.size()));
                if (targets.isEmpty()) {
                    return;
                }
                String p = pick(random, targets);
                int mode = random.nextBoolean() ? 0700 : 0604;
                c.chmod(p, mode);
                Posix.chmod(mnt.resolve(p), mode);
            }
            default -> {
                String p = LayerPaths.join(pick(random, dirs), "link" + step);
                c.symlink(p, "../target" + step);
                Files.createSymbolicLink(mnt.resolve(p), Path.of("../target" + step));
            }
        }
    }

    private static String pick(Random random, List<String> list) {
        return list.get(random.nextInt(list.size()));
    }
}
