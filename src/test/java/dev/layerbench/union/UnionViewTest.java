package dev.layerbench.union;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.oci.EntryKind;
import dev.layerbench.unpack.WhiteoutForm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnionViewTest {

    @TempDir
    Path dir;

    private Path layer(String name, Map<String, String> files) throws IOException {
        Path root = dir.resolve(name);
        Files.createDirectories(root);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = root.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            if (f.getValue().equals("<dir>")) {
                Files.createDirectories(p);
            } else {
                Files.writeString(p, f.getValue());
            }
        }
        return root;
    }

    @ParameterizedTest
    @EnumSource(Lookup.class)
    void lookup_topmostWinsAndOciWhiteoutsHide(Lookup lookup) throws IOException {
        Path l0 = layer("l0", Map.of("etc/a", "a0", "etc/b", "b0", "usr/bin/x", "x0", "var/log/old", "o"));
        Path l1 = layer("l1", Map.of("etc/a", "a1", "etc/.wh.b", "", "var/log/.wh..wh..opq", "", "var/log/new", "n"));
        UnionView v = LayerStack.of(List.of(l0, l1), LayerCache.cold()).view(lookup);
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
    @EnumSource(Lookup.class)
    void lookup_typeChangesHideWhatWasBelow(Lookup lookup) throws IOException {
        Path l0 = layer("l0", Map.of("a/inner", "i", "b", "file"));
        Path l1 = layer("l1", Map.of("a", "now a file", "b/child", "c"));
        UnionView v = LayerStack.of(List.of(l0, l1), LayerCache.cold()).view(lookup);
        assertEquals(EntryKind.FILE, v.lookup("a").orElseThrow().kind());
        assertTrue(v.lookup("a/inner").isEmpty());
        assertEquals(EntryKind.DIRECTORY, v.lookup("b").orElseThrow().kind());
        assertEquals(List.of("child"), v.list("b"));
    }

    @ParameterizedTest
    @EnumSource(Lookup.class)
    void lookup_namesCleanedAsTarNamesAre(Lookup lookup) throws IOException {
        Path l0 = layer("l0", Map.of("etc/real", "content"));
        UnionView v = LayerStack.of(List.of(l0), LayerCache.cold()).view(lookup);
        for (String name : List.of("etc/real", "/etc/real", "./etc//real/", "etc/../etc/real", "../../etc/real")) {
            assertEquals("etc/real", v.lookup(name).orElseThrow(() -> new AssertionError(name)).path(), name);
        }
        assertEquals(List.of("real"), v.list("x/../etc"));
    }

    @ParameterizedTest
    @EnumSource(Lookup.class)
    void stat_resolvesSymlinksInsideTheView(Lookup lookup) throws IOException {
        Path l0 = layer("l0", Map.of("etc/real", "content", "usr/lib/x", "x"));
        Files.createSymbolicLink(l0.resolve("etc/abs"), Path.of("/etc/real"));
        Files.createSymbolicLink(l0.resolve("etc/rel"), Path.of("../etc/./real"));
        Files.createSymbolicLink(l0.resolve("escape"), Path.of("../../../../usr/lib/x"));
        Files.createSymbolicLink(l0.resolve("lib"), Path.of("usr/lib"));
        Files.createSymbolicLink(l0.resolve("loop"), Path.of("loop"));
        UnionView v = LayerStack.of(List.of(l0), LayerCache.cold()).view(lookup);
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
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void view_randomOciStacksMatchTheModelInBothLookups(long seed) throws IOException {
        RandomStacks stacks = new RandomStacks(seed, WhiteoutForm.OCI);
        List<Path> layers = stacks.build(dir.resolve("s"), 1 + (int) (seed * 7 % 40), 6);
        Map<String, String> expected = ComparableTrees.of(stacks.model());
        LayerStack stack = LayerStack.of(layers, LayerCache.cold());
        ComparableTrees.assertSame(expected, ComparableTrees.of(stack.view(Lookup.INDEXED)), "indexed, seed " + seed);
        ComparableTrees.assertSame(expected, ComparableTrees.of(stack.view(Lookup.NAIVE)), "naive, seed " + seed);
        Path index = dir.resolve("index-" + seed);
        StackIndex.write(stack, index);
        ComparableTrees.assertSame(expected, ComparableTrees.of(StackIndex.open(stack, index)), "persisted index, seed " + seed);
    }

    @Test
    void view_4096LayersLookUpEveryLayer() throws IOException {
        List<Path> layers = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            Path l = dir.resolve("d" + i);
            Files.createDirectories(l.resolve("shared"));
            Files.writeString(l.resolve("shared/f" + i), Integer.toString(i));
            Files.writeString(l.resolve("shared/same"), Integer.toString(i));
            layers.add(l);
        }
        UnionView v = LayerStack.of(layers, LayerCache.cold()).view(Lookup.INDEXED);
        assertEquals(4096, v.depth());
        assertEquals(4097, v.list("shared").size());
        assertEquals(0, v.lookup("shared/f0").orElseThrow().layer());
        assertEquals(4095, v.lookup("shared/same").orElseThrow().layer());
        assertEquals(2000, v.lookup("shared/f2000").orElseThrow().layer());
    }

    @Test
    void cache_stacksSharingLowerLayersShareMergedDirectories() throws IOException {
        Path base = layer("base", Map.of("usr/lib/a", "a", "usr/lib/b", "b", "etc/x", "x"));
        Path app1 = layer("app1", Map.of("app/one", "1"));
        Path app2 = layer("app2", Map.of("app/two", "2", "etc/y", "y"));
        LayerCache cache = LayerCache.cold();
        UnionView v1 = LayerStack.of(List.of(base, app1), cache).view(Lookup.INDEXED);
        UnionView v2 = LayerStack.of(List.of(base, app2), cache).view(Lookup.INDEXED);
        v1.list("usr/lib");
        int afterFirst = cache.mergedDirectories();
        v2.list("usr/lib");
        assertEquals(afterFirst, cache.mergedDirectories(), "usr/lib has the same contributors in both stacks");
        v2.list("etc");
        assertTrue(cache.mergedDirectories() > afterFirst, "etc differs");
        assertSame(cache.layer(base), cache.layer(base.resolve(".")));
        assertFalse(v1.lookup("etc/y").isPresent());
    }

    @Test
    void stackIndex_refusesAnIndexOfOtherLayers() throws IOException {
        Path a = layer("a", Map.of("x", "1"));
        Path b = layer("b", Map.of("y", "2"));
        Path file = dir.resolve("idx");
        StackIndex.write(LayerStack.of(List.of(a, b)), file);
        assertEquals(2, StackIndex.open(LayerStack.of(List.of(a, b)), file).size());
        assertThrows(IOException.class, () -> StackIndex.open(LayerStack.of(List.of(b, a)), file));
    }

    @Test
    void of_rejectsEmptyAndMissing() {
        assertThrows(IllegalArgumentException.class, () -> LayerStack.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> LayerStack.of(List.of(dir.resolve("missing"))));
    }
}
