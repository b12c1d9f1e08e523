package dev.layerbench.cli;

import static dev.layerbench.cli.ToolRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.cli.ToolRun.Result;
import dev.layerbench.dataset.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetToolTest {

    @TempDir
    Path dir;

    @Test
    void list_showsEveryDatasetWithSizeAndBuiltColumn() {
        Result r = run("dataset", "list");
        assertEquals(0, r.code(), r.err());
        for (String name : new String[] {
            "synthetic-small", "synthetic-default", "synthetic-deep", "real-debian-python", "real-debian-fleet"
        }) {
            assertTrue(r.out().contains(name), r.out());
        }
        assertTrue(
                r.out()
                        .lines()
                        .findFirst()
                        .orElseThrow()
                        .matches("NAME +KIND +IMAGES +LAYERS +SIZE +UNCOMPRESSED +BUILT +DESCRIPTION"),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("synthetic-small ") && l.contains(" kB ")), r.out());
    }

    @Test
    void listMarkdown_hasPerLayerTables() {
        Result r = run("dataset", "list", "--format", "markdown");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("### synthetic-small"), r.out());
        assertTrue(r.out()
                .contains("| layer | files | whiteouts | entries | bytes (tar) | stored | compression | diff_id |"));
    }

    @Test
    void build_intoDir_printsWhereAndReportsProgress() throws Exception {
        Path target = dir.resolve("small");
        Result r = run("dataset", "build", "synthetic-small", "--into", target.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("synthetic-small  " + target + "  2 images"), r.out());
        assertTrue(r.err().contains("layer 1/5"), r.err());
        assertTrue(Files.isRegularFile(target.resolve(Datasets.RECORD_FILE)));
        Result again = run("dataset", "build", "synthetic-small", "--into", target.toString());
        assertTrue(again.out().contains("(reused)"), again.out());
    }

    @Test
    void build_pin_writesManifestEqualToTheRepositoryOne() throws Exception {
        Path pin = dir.resolve("pinned.json");
        Result r = run(
                "dataset",
                "build",
                "synthetic-small",
                "--into",
                dir.resolve("s").toString(),
                "--pin",
                pin.toString());
        assertEquals(0, r.code(), r.err());
        Path repo = Path.of("datasets/synthetic-small.json");
        if (Files.isRegularFile(repo)) {
            assertEquals(Files.readString(repo), Files.readString(pin));
        }
    }

    @Test
    void build_unknownName_oneLineExit1() {
        Result r = run(
                "dataset", "build", "no-such-set", "--into", dir.resolve("x").toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("dataset build: no dataset named \"no-such-set\""), r.err());
    }

    @Test
    void build_withoutName_usageExit2() {
        Result r = run("dataset", "build");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("NAME"), r.err());
    }
}
