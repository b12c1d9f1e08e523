package dev.layerbench.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.union.LayerCache;
import dev.layerbench.union.LayerStack;
import dev.layerbench.union.Lookup;
import dev.layerbench.union.UnionView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFixtureTest {

    @TempDir
    Path dir;

    @Test
    void create_oci_readsBackThroughTheUnionView_withTheBottomFileWhitedOut() throws IOException {
        StackFixture s = StackFixture.create(dir, 4, 1000, StackFixture.TopWhiteout.OCI);
        assertEquals(List.of("0", "1", "2", "3"), s.names());
        UnionView view = LayerStack.of(s.layers(), LayerCache.cold()).view(Lookup.INDEXED);
        assertTrue(view.lookup(StackFixture.HIT_TOP).isPresent());
        assertTrue(view.lookup(StackFixture.HIT_BOTTOM).isPresent());
        assertFalse(view.lookup(StackFixture.MISS).isPresent());
        assertFalse(view.lookup(StackFixture.WHITED_OUT).isPresent());
        assertTrue(Files.exists(s.layers().getFirst().resolve(StackFixture.WHITED_OUT)));
        s.delete();
        assertFalse(Files.exists(s.root()));
    }

    @Test
    void create_none_hasNoWhiteout_soTheBottomFileShows() throws IOException {
        StackFixture s = StackFixture.create(dir, 2, 100, StackFixture.TopWhiteout.NONE);
        UnionView view = LayerStack.of(s.layers(), LayerCache.cold()).view(Lookup.INDEXED);
        assertTrue(view.lookup(StackFixture.WHITED_OUT).isPresent());
        assertTrue(view.lookup(StackFixture.HIT_TOP).isPresent());
    }
}
