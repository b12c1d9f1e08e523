package dev.layerbench.union;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.testing.LayerDirs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What belongs to the stack and its caches rather than to a view: shared merged directories, a persisted index's
 * check of its layers, bad stacks. How every view answers is {@code testing/UnionViewContractTest}.
 */
class UnionViewTest {

    @TempDir
    Path dir;

    private Path layer(String name, Map<String, String> files) throws IOException {
        return LayerDirs.write(dir.resolve(name), files);
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
