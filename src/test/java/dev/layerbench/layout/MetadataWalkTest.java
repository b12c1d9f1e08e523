package dev.layerbench.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerbench.dataset.BuildOptions;
import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.Unpacker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataWalkTest {

    @TempDir
    Path dir;

    @Test
    void run_everyLayoutWalksEveryEntryOfTheImage() throws IOException {
        assumeTrue(
                MetadataWalk.unavailable().isEmpty(), MetadataWalk.unavailable().orElse(""));
        BuiltDataset built = Datasets.build(Datasets.SMALL, dir.resolve("dataset"), BuildOptions.quiet());
        try (ImageArchive archive = ImageArchive.open(built.root())) {
            Image image = archive.image(built.tags().getFirst());
            Path flat = dir.resolve("flat");
            Unpacker.flatten(archive, image, flat, UnpackOptions.flatten());
            long entries = MetadataWalk.walkTree(flat);
            assertEquals(Snapshots.of(flat).size(), entries, "walkTree counts what Files.walk finds");
            int walked = 0;
            for (LayoutKind kind : LayoutKind.values()) {
                if (kind.unavailable().isPresent()) {
                    continue;
                }
                try (Layout layout = kind.open(archive, List.of(image), dir, LayoutOptions.defaults())) {
                    LayoutRun.Result r = LayoutRun.run(
                            layout, 2, LayoutRun.Options.of(Optional.empty(), 0).withWalk(true));
                    MetadataWalk.Result w = r.walk().orElseThrow();
                    assertEquals(entries, w.entries(), kind.label());
                    assertTrue(w.coldNanos() > 0 && w.warm().count() == MetadataWalk.WARM_WALKS, w.toString());
                    walked++;
                }
            }
            assertTrue(walked >= 3, "shared, flat and file-dedup always run");
        }
    }
}
