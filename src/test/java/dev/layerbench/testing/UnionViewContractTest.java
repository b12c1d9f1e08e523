package dev.layerbench.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.container.Container;
import dev.layerbench.container.ContainerOptions;
import dev.layerbench.oci.EntryKind;
import dev.layerbench.union.ComparableTrees;
import dev.layerbench.union.LayerCache;
import dev.layerbench.union.LayerStack;
import dev.layerbench.union.Lookup;
import dev.layerbench.union.RandomStacks;
import dev.layerbench.union.StackIndex;
import dev.layerbench.union.UnionView;
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
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract, run over every implementation of {@link UnionView} (as containerd's {@code snapshots/testsuite} runs
 * one suite over every snapshotter): the indexed and the naive lookup, the persisted {@link StackIndex}, and a
 * {@link Container} over an empty upper directory must answer alike.
 */
class UnionViewContractTest {

    /** Every way to get a view of a stack of layer directories. */
    enum View {
        INDEXED,
        NAIVE,
        PERSISTED_INDEX,
        CONTAINER_EMPTY_UPPER;

        /** Layers the view adds above the stack's: a container's upper directory. */
        int added() {
            return this == CONTAINER_EMPTY_UPPER ? 1 : 0;
        }

        UnionView open(List<Path> layers, Path scratch) throws IOException {
            LayerStack stack = LayerStack.of(layers, LayerCache.cold());
            return switch (this) {
                case INDEXED -> stack.view(Lookup.INDEXED);
                case NAIVE -> stack.view(Lookup.NAIVE);
                case PERSISTED_INDEX -> {
                    Path index = Files.createTempFile(scratch, "stack", ".idx");
                    StackIndex.write(stack, index);
                    yield StackIndex.open(stack, index);
                }
                case CONTAINER_EMPTY_UPPER ->
                    Container.open(stack, Files.createTempDirectory(scratch, "upper"), ContainerOptions.defaults());
            };
        }
    }

    @TempDir
    Path dir;

    /** Holds the 4096-layer stack, made once for every view. */
    @TempDir
    static Path shared;

    private static List<Path> deep;

    /** 4096 layers, each adding {@code shared/f<i>} and overwriting {@code shared/same}. */
    private static synchronized List<Path> deepStack() throws IOException {
        if (deep == null) {
            List<Path> layers = new ArrayList<>();
            for (int i = 0; i < 4096; i++) {
                layers.add(LayerDirs.write(
                        shared.resolve("d" + i),
                        Map.of("shared/f" + i, Integer.toString(i), "shared/same", Integer.toString(i))));
            }
            deep = List.copyOf(layers);
        }
        return deep;
    }

    private Path layer(String name, Map<String, String> files) throws IOException {
        return LayerDirs.write(dir.resolve(name), files);
    }

    @ParameterizedTest
    @EnumSource(View.class)
    void lookup_topmostWinsAndOciWhiteoutsHide(View view) throws IOException {
        Path l0 = layer("l0", Map.of("etc/a", "a0", "etc/b", "b0", "usr/bin/x", "x0", "var/log/old", "o"));
        Path l1 = layer("l1", Map.of("etc/a", "a1", "etc/.wh.b", "", "var/log/.wh..wh..opq", "", "var/log/new", "n"));
        UnionView v = view.open(List.of(l0, l1), dir);
        assertEquals(1, v.lookup("etc/a").orElseThrow().layer());
        assertEquals("a1", Files.readString(v.lookup("/etc/a").orElseThrow().realPath()));
        assertTrue(v.lookup("etc/b").isEmpty(), "whited out");
        assertEquals(0, v.lookup("usr/bin/x").orElseThrow().layer());
        assertEquals(List.of("a"), v.list("etc"));
        assertEquals(List.of("new"), v.list("var/log"), "opaque directory hides the lower content");
        assertTrue(v.lookup("var/log/old").isEmpty());
        assertEquals(List.of("etc", "usr", "var"), v.list(""));
        assertTrue(v.lookup("etc/a/deeper").isEmpty(), "a file is no directory");
        assertTrue(v.lookup("nope").isEmpty());
        assertEquals(List.of(), v.list("etc/a"));
    }

    @ParameterizedTest
    @EnumSource(View.class)
    void lookup_typeChangesHideWhatWasBelow(View view) throws IOException {
        Path l0 = layer("l0", Map.of("a/inner", "i", "b", "file"));
        Path l1 = layer("l1", Map.of("a", "now a file", "b/child", "c"));
        UnionView v = view.open(List.of(l0, l1), dir);
        assertEquals(EntryKind.FILE, v.lookup("a").orElseThrow().kind());
        assertTrue(v.lookup("a/inner").isEmpty());
        assertEquals(EntryKind.DIRECTORY, v.lookup("b").orElseThrow().kind());
        assertEquals(List.of("child"), v.list("b"));
    }

    @ParameterizedTest
    @EnumSource(View.class)
    void lookup_namesCleanedAsTarNamesAre(View view) throws IOException {
        Path l0 = layer("l0", Map.of("etc/real", "content"));
        UnionView v = view.open(List.of(l0), dir);
        for (String name : List.of("etc/real", "/etc/real", "./etc//real/", "etc/../etc/real", "../../etc/real")) {
            assertEquals(
                    "etc/real",
                    v.lookup(name).orElseThrow(() -> new AssertionError(name)).path(),
                    name);
        }
        assertEquals(List.of("real"), v.list("x/../etc"));
    }

    @ParameterizedTest
    @EnumSource(View.class)
    void stat_resolvesSymlinksInsideTheView(View view) throws IOException {
        Path l0 = layer("l0", Map.of("etc/real", "content", "usr/lib/x", "x"));
        Files.createSymbolicLink(l0.resolve("etc/abs"), Path.of("/etc/real"));
        Files.createSymbolicLink(l0.resolve("etc/rel"), Path.of("../etc/./real"));
        Files.createSymbolicLink(l0.resolve("escape"), Path.of("../../../../usr/lib/x"));
        Files.createSymbolicLink(l0.resolve("lib"), Path.of("usr/lib"));
        Files.createSymbolicLink(l0.resolve("loop"), Path.of("loop"));
        UnionView v = view.open(List.of(l0), dir);
        assertEquals(EntryKind.SYMLINK, v.lookup("etc/abs").orElseThrow().kind());
        assertEquals("etc/real", v.stat("etc/abs").orElseThrow().path());
        assertEquals("etc/real", v.stat("etc/rel").orElseThrow().path());
        assertEquals("usr/lib/x", v.stat("escape").orElseThrow().path(), ".. stops at the view's root");
        assertEquals("usr/lib/x", v.stat("lib/x").orElseThrow().path(), "symlinked directory in the middle");
        try (InputStream in = v.read("etc/abs")) {
            assertArrayEquals("content".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
        assertThrows(IOException.class, () -> v.stat("loop"));
    }

    @ParameterizedTest
    @EnumSource(View.class)
    void view_4096LayersLookUpEveryLayer(View view) throws IOException {
        UnionView v = view.open(deepStack(), dir);
        assertEquals(4096 + view.added(), v.depth());
        assertEquals(4097, v.list("shared").size());
        assertEquals(0, v.lookup("shared/f0").orElseThrow().layer());
        assertEquals(4095, v.lookup("shared/same").orElseThrow().layer());
        assertEquals(2000, v.lookup("shared/f2000").orElseThrow().layer());
    }

    @ParameterizedTest
    @MethodSource("seedsAndViews")
    void view_randomOciStacksMatchTheModel(long seed, View view) throws IOException {
        RandomStacks stacks = new RandomStacks(seed, WhiteoutForm.OCI);
        List<Path> layers = stacks.build(dir.resolve("s"), 1 + (int) (seed * 7 % 40), 6);
        ComparableTrees.assertSame(
                ComparableTrees.of(stacks.model()),
                ComparableTrees.of(view.open(layers, dir)),
                view + ", seed " + seed);
    }

    static Stream<Arguments> seedsAndViews() {
        return LongStream.rangeClosed(1, 12)
                .boxed()
                .flatMap(seed -> Arrays.stream(View.values()).map(v -> Arguments.of(seed, v)));
    }
}
