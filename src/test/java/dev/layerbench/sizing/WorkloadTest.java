package dev.layerbench.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkloadTest {

    @Test
    void parse_fullSpec() throws Exception {
        Workload w = Workload.parse("modify=10x64KiB,add=5x1MiB,delete=3");
        assertEquals(new Workload(10, 65536, 5, 1 << 20, 3), w);
        assertEquals("modify=10x64KiB,add=5x1MiB,delete=3", w.format());
        assertEquals(10 * 65536L + 5 * (1L << 20), w.bytesWritten());
    }

    @Test
    void parse_noneAndEmpty_areIdle() throws Exception {
        assertEquals(Workload.NONE, Workload.parse("none"));
        assertEquals(Workload.NONE, Workload.parse(""));
        assertEquals("none", Workload.NONE.format());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "modify=10",
                "modify=x4KiB",
                "add=3x4XB",
                "delete=-1",
                "grow=3",
                "modify=10x4KiB,,",
                "delete=many"
            })
    void parse_malformed_isOneLineNamingTheSpec(String spec) {
        SizingException e = assertThrows(SizingException.class, () -> Workload.parse(spec));
        assertTrue(e.getMessage().startsWith("--workload " + spec + ": "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void plan_picksFilesAtEvenlySpacedSizeRanks() {
        ImageTree tree = ImageTree.of(List.of(Layers.layer(
                "l",
                Layers.file("a", 10, "a"),
                Layers.file("b", 20, "b"),
                Layers.file("c", 30, "c"),
                Layers.file("d", 40, "d"))));
        WorkloadPlan p = WorkloadPlan.of(tree, new Workload(2, 100, 1, 5, 1));
        assertEquals(
                List.of("a", "c"), p.modified().stream().map(SummaryEntry::path).toList());
        assertEquals(List.of("b"), p.deleted().stream().map(SummaryEntry::path).toList());
        assertEquals(List.of(Workload.ADDED_DIR + "/file-0"), p.added());
    }
}
