package dev.layerbench.testing;

import dev.layerbench.codec.Compression;
import dev.layerbench.container.Commit;
import dev.layerbench.container.CommitOptions;
import dev.layerbench.container.Container;
import dev.layerbench.container.ContainerOptions;
import dev.layerbench.container.CopyUp;
import dev.layerbench.digest.Digest;
import dev.layerbench.fs.Posix;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.oci.EntryKind;
import dev.layerbench.sizing.ImageTree;
import dev.layerbench.sizing.LayerSummary;
import dev.layerbench.sizing.Summarizer;
import dev.layerbench.sizing.SummaryEntry;
import dev.layerbench.store.BlobStore;
import dev.layerbench.tar.TarEntry;
import dev.layerbench.union.ComparableTrees;
import dev.layerbench.union.LayerCache;
import dev.layerbench.union.LayerStack;
import dev.layerbench.union.Lookup;
import dev.layerbench.unpack.LayerBlob;
import dev.layerbench.unpack.LayerDirectories;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.Unpacker;
import dev.layerbench.unpack.WhiteoutForm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table of layer-semantics cases, each with its expected final tree stated once, run through every consumer of a
 * layer (as containerd's {@code snapshots/testsuite} runs one suite over every snapshotter): flattening, per-layer
 * directories in both whiteout forms read through the union view, the sizing model ({@link Summarizer} and
 * {@link ImageTree}), and a commit round trip (the top layer as a container's upper, committed, unpacked again).
 *
 * <p>Trees are compared as path to "dir", "file SIZE SHA256-PREFIX" or "symlink TARGET" (modes and owners are not part
 * of the contract here: the sizing model invents the modes of implied directories). A hard link is the file it names.
 * Where a consumer is known to disagree, the case names it with a {@link Finding}: what it shows instead and why.
 */
class LayerSemanticsContractTest {

    /** Every reader of a stack of layers. */
    enum Consumer {
        FLATTEN,
        PER_LAYER_OCI,
        PER_LAYER_OVERLAY,
        SIZING,
        COMMIT_ROUND_TRIP;

        Map<String, String> finalTree(Path layout, Path work) throws IOException {
            try (ImageArchive archive = ImageArchive.open(layout)) {
                Image image = archive.image(REF);
                return switch (this) {
                    case FLATTEN -> {
                        Path root = work.resolve("flat");
                        Unpacker.flatten(archive, image, root, UnpackOptions.flatten());
                        yield fromComparable(ComparableTrees.of(root));
                    }
                    case PER_LAYER_OCI -> view(perLayer(archive, image, work, WhiteoutForm.OCI));
                    case PER_LAYER_OVERLAY -> {
                        Assumptions.assumeTrue(
                                Posix.isRoot(), "the overlay whiteout form (0/0 devices, trusted.* xattrs) needs root");
                        yield view(perLayer(archive, image, work, WhiteoutForm.OVERLAY));
                    }
                    case SIZING -> {
                        List<LayerSummary> summaries = new ArrayList<>();
                        for (Layer l : image.layers()) {
                            try (InputStream tar = archive.openUncompressed(l)) {
                                summaries.add(Summarizer.summarize(tar, l.diffId(), archive.describe(l)));
                            }
                        }
                        yield fromSizing(ImageTree.of(summaries).entries());
                    }
                    case COMMIT_ROUND_TRIP -> {
                        List<Path> dirs = perLayer(archive, image, work, WhiteoutForm.OCI);
                        List<Path> lowers = dirs.subList(0, dirs.size() - 1);
                        Container c = Container.open(
                                LayerStack.of(lowers, LayerCache.cold()),
                                dirs.getLast(),
                                new ContainerOptions(CopyUp.JDK, WhiteoutForm.OCI, ContainerOptions.Durability.NONE));
                        BlobStore store = BlobStore.open(work.resolve("commit-store"));
                        Commit.Result r = Commit.commit(c, store, CommitOptions.reproducible(Compression.GZIP));
                        Path again = work.resolve("committed");
                        Unpacker.applyLayer(
                                LayerBlob.of(store.blobPath(r.descriptor().digest())),
                                again,
                                UnpackOptions.perLayer(WhiteoutForm.OCI));
                        List<Path> stacked = new ArrayList<>(lowers);
                        stacked.add(again);
                        yield view(stacked);
                    }
                };
            }
        }

        private static List<Path> perLayer(ImageArchive archive, Image image, Path work, WhiteoutForm form)
                throws IOException {
            LayerDirectories dirs = LayerDirectories.at(work.resolve("store-" + form.label()));
            List<Path> out = new ArrayList<>();
            for (Layer l : image.layers()) {
                dirs.ensureUnpacked(archive, l, UnpackOptions.perLayer(form));
                out.add(dirs.path(l.diffId()));
            }
            return out;
        }

        private static Map<String, String> view(List<Path> layers) throws IOException {
            return fromComparable(
                    ComparableTrees.of(LayerStack.of(layers, LayerCache.cold()).view(Lookup.INDEXED)));
        }
    }

    private static final String REF = "case";

    /** One case: its layers' tars (bottom first, uncompressed) and the final tree every consumer must show. */
    record Case(String name, List<byte[]> layers, Map<String, String> expected, Map<Consumer, Finding> findings) {
        Case(String name, List<byte[]> layers, Map<String, String> expected) {
            this(name, layers, expected, Map.of());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A known disagreement: what a consumer shows instead of the case's tree, and why. Asserted exactly, so the test
     * fails (asking for the finding to be removed) once the consumer is fixed, and fails too if it drifts elsewhere.
     */
    record Finding(Map<String, String> shows, String why) {}

    static List<Case> cases() throws IOException {
        return List.of(
                new Case(
                        "whiteout",
                        tars(
                                LayerFixtures.layer()
                                        .dir("etc")
                                        .file("etc/a", "a")
                                        .file("etc/b", "b")
                                        .dir("var")
                                        .dir("var/cache")
                                        .file("var/cache/x", "x")
                                        .build(),
                                LayerFixtures.layer()
                                        .dir("etc")
                                        .whiteout("etc/b")
                                        .dir("var")
                                        .whiteout("var/cache")
                                        .build()),
                        tree().dir("etc").file("etc/a", "a").dir("var").build()),
                new Case(
                        "opaque directory",
                        tars(
                                LayerFixtures.layer()
                                        .dir("d")
                                        .file("d/old", "old")
                                        .dir("d/sub")
                                        .file("d/sub/x", "x")
                                        .file("keep", "k")
                                        .build(),
                                LayerFixtures.layer()
                                        .dir("d")
                                        .opaque("d")
                                        .file("d/new", "new")
                                        .build()),
                        tree().dir("d").file("d/new", "new").file("keep", "k").build()),
                new Case(
                        "type change file to dir",
                        tars(
                                LayerFixtures.layer().file("x", "was a file").build(),
                                LayerFixtures.layer()
                                        .dir("x")
                                        .file("x/in", "in")
                                        .build()),
                        tree().dir("x").file("x/in", "in").build()),
                new Case(
                        "type change dir to file",
                        tars(
                                LayerFixtures.layer()
                                        .dir("y")
                                        .file("y/in", "in")
                                        .dir("y/sub")
                                        .build(),
                                LayerFixtures.layer().file("y", "now a file").build()),
                        tree().file("y", "now a file").build()),
                new Case(
                        "type change file to symlink",
                        tars(
                                LayerFixtures.layer()
                                        .file("z", "was a file")
                                        .file("other", "o")
                                        .build(),
                                LayerFixtures.layer().symlink("z", "other").build()),
                        tree().symlink("z", "other").file("other", "o").build()),
                new Case(
                        "hard link",
                        tars(
                                LayerFixtures.layer().file("base", "b").build(),
                                LayerFixtures.layer()
                                        .dir("bin")
                                        .file("bin/busybox", "bb")
                                        .hardLink("bin/ls", "bin/busybox")
                                        .build()),
                        tree().file("base", "b")
                                .dir("bin")
                                .file("bin/busybox", "bb")
                                .file("bin/ls", "bb")
                                .build()),
                new Case(
                        "whiteout after its path's new entry in the same layer",
                        tars(
                                LayerFixtures.layer()
                                        .dir("d")
                                        .file("d/x", "old")
                                        .build(),
                                LayerFixtures.layer()
                                        .dir("d")
                                        .file("d/x", "new")
                                        .whiteout("d/x")
                                        .build()),
                        tree().dir("d").file("d/x", "new").build()),
                new Case(
                        "opaque marker after the directory's new entries",
                        tars(
                                LayerFixtures.layer()
                                        .dir("d")
                                        .file("d/old", "old")
                                        .build(),
                                LayerFixtures.layer()
                                        .dir("d")
                                        .file("d/new", "new")
                                        .opaque("d")
                                        .build()),
                        tree().dir("d").file("d/new", "new").build()),
                new Case(
                        "directory whited out and made again in one layer",
                        tars(
                                LayerFixtures.layer()
                                        .dir("d")
                                        .file("d/old", "old")
                                        .build(),
                                LayerFixtures.layer()
                                        .whiteout("d")
                                        .dir("d")
                                        .file("d/new", "new")
                                        .build()),
                        tree().dir("d").file("d/new", "new").build()),
                new Case(
                        "symlinked directory",
                        tars(
                                LayerFixtures.layer()
                                        .dir("usr")
                                        .dir("usr/lib")
                                        .file("usr/lib/f", "f")
                                        .symlink("lib", "usr/lib")
                                        .build(),
                                LayerFixtures.layer()
                                        .dir("usr")
                                        .dir("usr/lib")
                                        .file("usr/lib/g", "g")
                                        .build()),
                        tree().dir("usr")
                                .dir("usr/lib")
                                .file("usr/lib/f", "f")
                                .file("usr/lib/g", "g")
                                .symlink("lib", "usr/lib")
                                .build()),
                new Case(
                        "./ names",
                        List.of(
                                OciLayouts.tar(Map.of("base", "b")),
                                OciLayouts.tar(Map.of("./etc/a", "a", "./top", "t"))),
                        tree().file("base", "b")
                                .dir("etc")
                                .file("etc/a", "a")
                                .file("top", "t")
                                .build()),
                new Case(
                        "a/../b and a//b names",
                        List.of(
                                OciLayouts.tar(Map.of("base", "b")),
                                OciLayouts.tar(Map.of("a/../b", "dotdot", "c//d", "double slash"))),
                        tree().file("base", "b")
                                .file("b", "dotdot")
                                .dir("c")
                                .file("c/d", "double slash")
                                .build()),
                new Case(
                        ".wh..wh. reserved names",
                        List.of(
                                OciLayouts.tar(Map.of("x", "x")),
                                OciLayouts.tar(Map.of(".wh..wh.plnk", "aufs", "y", "y"))),
                        tree().file("x", "x").file("y", "y").build()));
    }

    static Stream<Arguments> casesAndConsumers() throws IOException {
        return cases().stream().flatMap(c -> Arrays.stream(Consumer.values()).map(k -> Arguments.of(c, k)));
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} through {1}")
    @MethodSource("casesAndConsumers")
    void finalTree_everyConsumerShowsTheCasesTree(Case c, Consumer consumer) throws IOException {
        Path layout = dir.resolve("layout");
        OciLayouts.write(layout, REF, c.layers(), Compression.GZIP);
        Path work = Files.createDirectories(dir.resolve("work"));
        Map<String, String> actual = consumer.finalTree(layout, work);
        Finding known = c.findings().get(consumer);
        if (known == null) {
            ComparableTrees.assertSame(
                    c.expected(), actual, c.name() + ": " + consumer + " disagrees with the case's final tree");
        } else {
            ComparableTrees.assertSame(
                    known.shows(),
                    actual,
                    c.name() + ": " + consumer + " no longer shows the known finding (" + known.why()
                            + "); if it now shows the case's tree, remove the finding");
        }
    }

    // ---- the one comparable form -------------------------------------------------------------------------------

    private static List<byte[]> tars(List<TarEntry>... layers) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (List<TarEntry> l : layers) {
            out.add(LayerFixtures.bytes(l, Compression.NONE));
        }
        return out;
    }

    private static String file(long size, String sha256Hex) {
        return "file " + size + " " + sha256Hex.substring(0, 12);
    }

    private static String file(String content) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        return file(b.length, Digest.of(b).hex());
    }

    /** {@link ComparableTrees}' form ("file MODE SIZE CONTENT", "dir MODE", "symlink TARGET") in this test's. */
    private static Map<String, String> fromComparable(Map<String, String> trees) {
        Map<String, String> out = new TreeMap<>();
        trees.forEach((path, d) -> {
            String[] f = d.split(" ", 4);
            out.put(
                    path,
                    switch (f[0]) {
                        case "file" -> file(f.length > 3 ? f[3] : "");
                        case "dir" -> "dir";
                        default -> d;
                    });
        });
        return out;
    }

    private static Map<String, String> fromSizing(NavigableMap<String, SummaryEntry> entries) {
        Map<String, String> out = new TreeMap<>();
        entries.forEach((path, e) -> {
            if (path.equals(ImageTree.ROOT)) {
                return;
            }
            SummaryEntry shown = e.kind() == EntryKind.HARDLINK ? entries.getOrDefault(e.link(), e) : e;
            out.put(
                    path,
                    switch (shown.kind()) {
                        case FILE -> file(shown.size(), shown.sha256());
                        case DIRECTORY -> "dir";
                        case SYMLINK -> "symlink " + shown.link();
                        default -> shown.kind().toString();
                    });
        });
        return out;
    }

    private static Tree tree() {
        return new Tree();
    }

    /** The expected final tree, path by path. */
    private static final class Tree {
        private final Map<String, String> paths = new TreeMap<>();

        Tree dir(String path) {
            paths.put(path, "dir");
            return this;
        }

        Tree file(String path, String content) {
            paths.put(path, LayerSemanticsContractTest.file(content));
            return this;
        }

        Tree symlink(String path, String target) {
            paths.put(path, "symlink " + target);
            return this;
        }

        Map<String, String> build() {
            return Map.copyOf(paths);
        }
    }
}
