package dev.layerbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corpus --format csv}: the CSV form, the same bytes per seed; options it cannot record refused in one line. */
class CorpusToolTest {

    @TempDir
    Path dir;

    @Test
    void corpus_csv_writesImagesAndSummaries() throws Exception {
        ToolRun.Result r = ToolRun.run(
                "corpus",
                "--rows",
                "5000",
                "--seed",
                "4",
                "--format",
                "csv",
                "--export",
                dir.resolve("c").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("CORPUS    5000 file rows"), r.out());
        assertTrue(Files.readString(dir.resolve("c/images.csv")).startsWith("ref,containers,layer_index,diff_id\n"));
        try (var s = Files.list(dir.resolve("c/summaries/sha256"))) {
            assertTrue(s.allMatch(p -> p.getFileName().toString().matches("[0-9a-f]{64}\\.csv")));
        }
        assertFalse(Files.exists(dir.resolve("c/params.parquet")));
    }

    @Test
    void corpus_csvWithFs_refusedInOneLine() {
        ToolRun.Result r = ToolRun.run(
                "corpus",
                "--rows",
                "100",
                "--format",
                "csv",
                "--fs",
                "xfs",
                "--export",
                dir.resolve("x").toString());
        assertEquals(1, r.code(), r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--fs with --format csv"), r.err());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void corpus_unknownFormat_refused() {
        ToolRun.Result r = ToolRun.run(
                "corpus",
                "--rows",
                "100",
                "--format",
                "orc",
                "--export",
                dir.resolve("y").toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("--format orc"), r.err());
        assertArrayEquals(new String[0], dir.toFile().list());
    }
}
