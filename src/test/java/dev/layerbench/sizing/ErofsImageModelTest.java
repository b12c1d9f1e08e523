package dev.layerbench.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerbench.oci.EntryKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link FleetSizer} computes the EROFS images' sizes from the tallies of its own passes ({@link ErofsImageModel.Image});
 * they must equal the plain model ({@link ErofsImageModel#layerImageBytes}, {@link ErofsImageModel#imageBytes}), which
 * ErofsSizingValidationTest holds against mkfs.erofs, byte for byte.
 */
class ErofsImageModelTest {

    private final FleetSizer sizer = new FleetSizer(Filesystem.EXT4, Workload.NONE);

    @Test
    void image_syntheticFleet_equalsPlainModel() {
        List<FleetImage> fleet = SyntheticFleet.generate(3, 12, 1, 3, 4, 600);
        Set<LayerSummary> layers = new HashSet<>();
        for (FleetImage image : fleet) {
            layers.addAll(image.layers());
            assertStackEqual(image.layers());
        }
        for (LayerSummary l : layers) {
            assertLayerEqual(l);
        }
    }

    @Test
    void image_edgeCases_equalsPlainModel() {
        List<FleetImage> fleet = edges();
        for (FleetImage image : fleet) {
            for (LayerSummary l : image.layers()) {
                assertLayerEqual(l);
            }
            assertStackEqual(image.layers());
        }
    }

    /**
     * Layers and images for every rule of the EROFS model: a directory past one block with names that sort before and
     * after {@code .} and {@code ..} (non-ASCII, long), opaque markers (more than 2 in a layer: shared; on the root, on
     * a listed, an implied and an unlisted directory), a root entry with xattrs, xattrs past an inode, symlinks, hard
     * links, empty files, files of whole blocks and with tails, an image with at most 2 non-empty files (its metacopy
     * xattr inline).
     */
    static List<FleetImage> edges() {
        List<SummaryEntry> big = new ArrayList<>();
        big.add(Layers.dir("usr/bin"));
        for (int i = 0; i < 400; i++) {
            String name = switch (i % 5) {
                case 0 -> "-" + i;
                case 1 -> ".-" + i;
                case 2 -> "ünïcödé-" + "x".repeat(i % 40) + i;
                case 3 -> "+" + i;
                default -> "tool-" + i;
            };
            big.add(Layers.file("usr/bin/" + name, i * 977L, "c" + (i % 37)));
        }
        big.add(new SummaryEntry("usr/bin/sh", EntryKind.SYMLINK, 0, "", "dash→ü", 0777, 0, 0, Chunks.NONE));
        big.add(new SummaryEntry("usr/bin/link", EntryKind.HARDLINK, 0, "", "usr/bin/-0", 0644, 0, 0, Chunks.NONE));
        big.add(Layers.file("usr/bin/empty", 0, "empty"));
        big.add(Layers.file("usr/bin/page", 4096, "page"));
        big.add(Layers.file("implied/deep/dir/f", 5000, "f")
                .withXattrs(Map.of("security.capability", new byte[20], "user.comment", new byte[3000])));
        big.add(new SummaryEntry("", EntryKind.DIRECTORY, 0, "", "", 0700, 0, 0, Chunks.NONE)
                .withXattrs(Map.of("user.root", new byte[5])));
        LayerSummary base = new LayerSummary(Layers.layer("erofs-big").diffId(), big);

        List<SummaryEntry> upper = new ArrayList<>();
        for (String o : List.of("usr/bin", "implied/deep", "only/marked", "")) {
            upper.add(new SummaryEntry(o, EntryKind.OPAQUE, 0, "", "", 0, 0, 0, Chunks.NONE));
        }
        upper.add(Layers.whiteout("usr/bin/tool-4"));
        upper.add(Layers.file("usr/bin/new", 12345, "new"));
        LayerSummary top = new LayerSummary(Layers.layer("erofs-top").diffId(), upper);
        LayerSummary two = Layers.layer(
                "erofs-two",
                new SummaryEntry("a", EntryKind.OPAQUE, 0, "", "", 0, 0, 0, Chunks.NONE),
                new SummaryEntry("b/c", EntryKind.OPAQUE, 0, "", "", 0, 0, 0, Chunks.NONE),
                Layers.file("a/x", 1, "x"),
                Layers.file("a/y", 8192, "y"));
        return List.of(
                new FleetImage("erofs/big", 2, List.of(base)),
                new FleetImage("erofs/top", 1, List.of(base, top)),
                new FleetImage("erofs/all", 3, List.of(base, top, two)),
                new FleetImage("erofs/two", 1, List.of(two)));
    }

    private void assertLayerEqual(LayerSummary l) {
        assertEquals(ErofsImageModel.layerImageBytes(l), sizer.erofsLayerImageBytes(l), "layer " + l.diffId());
    }

    private void assertStackEqual(List<LayerSummary> stack) {
        long plain = ErofsImageModel.imageBytes(ImageTree.of(stack).entries(), Set.of(), ErofsImageModel.Form.METADATA);
        assertEquals(plain, sizer.metadataImageBytes(stack), "stack of " + stack.size());
    }
}
