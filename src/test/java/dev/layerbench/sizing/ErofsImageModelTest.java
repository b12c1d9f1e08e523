package dev.layerbench.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerbench.oci.EntryKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
        List<SummaryEntry> big = new ArrayList<>();
        big.add(Layers.dir("usr/bin"));
        // names sorting before and after "." and "..", long and non-ASCII ones: entries cross blocks
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
                .withXattrs(java.util.Map.of("security.capability", new byte[20], "user.comment", new byte[3000])));
        big.add(new SummaryEntry("", EntryKind.DIRECTORY, 0, "", "", 0700, 0, 0, Chunks.NONE)
                .withXattrs(java.util.Map.of("user.root", new byte[5])));
        LayerSummary base = new LayerSummary(Layers.layer("big").diffId(), big);

        List<SummaryEntry> upper = new ArrayList<>();
        for (String o : List.of("usr/bin", "implied/deep", "only/marked", "")) {
            upper.add(new SummaryEntry(o, EntryKind.OPAQUE, 0, "", "", 0, 0, 0, Chunks.NONE));
        }
        upper.add(Layers.whiteout("usr/bin/tool-4"));
        upper.add(Layers.file("usr/bin/new", 12345, "new"));
        LayerSummary top = new LayerSummary(Layers.layer("top").diffId(), upper);
        LayerSummary two = Layers.layer(
                "two",
                new SummaryEntry("a", EntryKind.OPAQUE, 0, "", "", 0, 0, 0, Chunks.NONE),
                new SummaryEntry("b/c", EntryKind.OPAQUE, 0, "", "", 0, 0, 0, Chunks.NONE),
                Layers.file("a/x", 1, "x"));

        for (LayerSummary l : List.of(base, top, two)) {
            assertLayerEqual(l);
        }
        assertStackEqual(List.of(base));
        assertStackEqual(List.of(base, top));
        assertStackEqual(List.of(base, top, two));
    }

    private void assertLayerEqual(LayerSummary l) {
        assertEquals(ErofsImageModel.layerImageBytes(l), sizer.erofsLayerImageBytes(l), "layer " + l.diffId());
    }

    private void assertStackEqual(List<LayerSummary> stack) {
        long plain = ErofsImageModel.imageBytes(ImageTree.of(stack).entries(), Set.of(), ErofsImageModel.Form.METADATA);
        assertEquals(plain, sizer.metadataImageBytes(stack), "stack of " + stack.size());
    }
}
