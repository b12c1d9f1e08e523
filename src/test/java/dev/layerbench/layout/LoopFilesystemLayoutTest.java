package dev.layerbench.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerbench.dataset.BuildOptions;
import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.fs.LoopFilesystem;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every layout on ext4, XFS (reflink=1) and btrfs loop filesystems made for the test (root only): reflinks detected
 * where the filesystem clones, the contract kept, the filesystem left empty.
 */
class LoopFilesystemLayoutTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(LoopFilesystem.Type.class)
    void layouts_keepTheContractOnEachFilesystem(LoopFilesystem.Type type) throws IOException {
        assumeTrue(type.available(), "needs root and " + type.program() + " (apt-get install xfsprogs btrfs-progs)");
        try (LoopFilesystem fs = LoopFilesystem.create(type, dir, 512L << 20)) {
            BuiltDataset built = Datasets.build(Datasets.SMALL, fs.root().resolve("dataset"), BuildOptions.quiet());
            try (ImageArchive archive = ImageArchive.open(built.root())) {
                List<Image> images = new ArrayList<>();
                for (String tag : built.tags()) {
                    images.add(archive.image(tag));
                }
                Path work = Files.createDirectory(fs.root().resolve("work"));
                boolean clones = DedupLayout.canClone(work);
                assertEquals(type != LoopFilesystem.Type.EXT4, clones, type + " clones");
                for (LayoutKind kind : LayoutKind.values()) {
                    if (kind.unavailable().isPresent()) {
                        continue;
                    }
                    try (Layout layout = kind.open(archive, images, work, LayoutOptions.defaults())) {
                        Instance c = layout.create("c", images.getFirst());
                        List<String> paths = WriteWorkload.defaults().choose(c);
                        Instance d = layout.create("d", images.getFirst());
                        assertEquals(Snapshots.of(d), Snapshots.of(c));
                        LayoutRun.Result r = LayoutRun.run(layout, 2, Optional.of(WriteWorkload.defaults()));
                        assertTrue(r.containers().inodes() >= 2);
                        assertTrue(paths.size() > 0);
                    }
                }
                try (Stream<Path> s = Files.list(work)) {
                    assertEquals(List.of(), s.toList(), "nothing left on " + type);
                }
            }
        }
    }
}
