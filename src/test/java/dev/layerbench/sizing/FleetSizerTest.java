package dev.layerbench.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A fleet small enough to size by hand: two images on one base layer, ext4, 4096-byte blocks. */
class FleetSizerTest {

    static final LayerSummary BASE =
            Layers.layer("base", Layers.dir("etc"), Layers.file("etc/a", 5000, "a1"), Layers.file("etc/b", 100, "b"));
    static final LayerSummary OVERWRITE = Layers.layer("x", Layers.file("etc/a", 10, "a2"));
    static final LayerSummary DELETE = Layers.layer("y", Layers.whiteout("etc/b"));

    static List<FleetImage> fleet() {
        return List.of(
                new FleetImage("one", 3, List.of(BASE, OVERWRITE)), new FleetImage("two", 2, List.of(BASE, DELETE)));
    }

    @Test
    void size_flatAndSharedByHand() {
        SizingReport r = new FleetSizer(Filesystem.EXT4, Workload.NONE).size(fleet());
        assertEquals(5, r.containers());
        // flat: "one" = root, etc, a (10 B), b (100 B): 4 blocks; "two" = root, etc, a (5000 B: 2 blocks): 4 blocks
        SizingReport.LayoutSize flat = r.layout(FleetLayout.FLAT);
        assertEquals(5 * 16384, flat.bytes());
        assertEquals(3 * 4 + 2 * 3, flat.inodes());
        assertEquals(16384.0, flat.bytesPerContainer());
        // shared: base/, layers/, sha256/; base layer 5 blocks + form file; x 3 blocks + form; y 2 blocks + form
        // (its whiteout is a device: an inode, no block); each container an empty upper directory
        SizingReport.LayoutSize shared = r.layout(FleetLayout.SHARED);
        assertEquals(65536, shared.fixedBytes());
        assertEquals(16, shared.fixedInodes());
        assertEquals(65536 + 5 * 4096, shared.bytes());
        assertEquals(16 + 5, shared.inodes());
    }

    @Test
    void size_xattrsPastTheInode_costABlockPerInode() {
        SummaryEntry big = Layers.file("etc/a", 5000, "a1").withXattrs(java.util.Map.of("user.v", new byte[1000]));
        SummaryEntry small = Layers.file("etc/a", 5000, "a1").withXattrs(java.util.Map.of("user.v", new byte[8]));
        for (Filesystem fs : Filesystem.values()) {
            long plain = flat(fs, BASE);
            assertEquals(
                    plain,
                    flat(fs, Layers.layer("base", Layers.dir("etc"), small, Layers.file("etc/b", 100, "b"))),
                    fs.label() + ": small xattrs live in the inode");
            assertEquals(
                    plain + fs.xattrBytes(1, big.xattrBytes()),
                    flat(fs, Layers.layer("base", Layers.dir("etc"), big, Layers.file("etc/b", 100, "b"))),
                    fs.label());
        }
        assertEquals(Filesystem.BLOCK, Filesystem.EXT4.xattrBytes(1, big.xattrBytes()));
    }

    private static long flat(Filesystem fs, LayerSummary layer) {
        return new FleetSizer(fs, Workload.NONE)
                .size(List.of(new FleetImage("one", 1, List.of(layer))))
                .layout(FleetLayout.FLAT)
                .bytes();
    }

    @Test
    void size_dockerSharedUniqueAndDiveWaste() {
        SizingReport r = new FleetSizer(Filesystem.EXT4, Workload.NONE).size(fleet());
        SizingReport.ImageSize one = r.images().get(0);
        SizingReport.ImageSize two = r.images().get(1);
        assertEquals(5100, one.sharedBytes());
        assertEquals(10, one.uniqueBytes());
        assertEquals(5100, two.sharedBytes());
        assertEquals(0, two.uniqueBytes());
        assertEquals(5000 + 10, one.wastedBytes(), "etc/a written twice: both copies count");
        assertEquals(100, two.wastedBytes(), "etc/b deleted: its bytes count");
        assertEquals((5110.0 + 5100) / 5110, r.dedup().layer(), 1e-9);
    }

    @Test
    void size_fileDedupStoresEachContentOnce() {
        SizingReport r = new FleetSizer(Filesystem.EXT4, Workload.NONE).size(fleet());
        SizingReport.LayoutSize dedup = r.layout(FleetLayout.FILE_DEDUP);
        // contents a2 (10 B), b (100 B), a1 (5000 B): 4 blocks, 3 inodes, plus base/, content/, sha256/
        assertEquals(3 + 3, dedup.fixedInodes());
        assertEquals(3 * 4096 + 4 * 4096, dedup.fixedBytes());
        // a container: root and etc directories
        assertEquals(List.of(8192L, 8192L), dedup.perContainerBytes());
        assertTrue(r.layout(FleetLayout.CHUNK_DEDUP).bytes() < dedup.bytes());
    }

    @Test
    void size_workloadCopiesUpWholeFiles() {
        Workload w = new Workload(1, 4096, 1, 10_000, 0);
        SizingReport r = new FleetSizer(Filesystem.EXT4, w).size(List.of(new FleetImage("one", 1, List.of(BASE))));
        // the smaller file (b, 100 B) is modified: copied up whole, then 4096 bytes written
        assertEquals(100, r.copyUp().copiedUpBytes());
        assertEquals(4096 + 10_000, r.copyUp().writtenBytes());
        SizingReport.LayoutSize shared = r.layout(FleetLayout.SHARED);
        // upper: root, etc/, etc/b (1 block), var/, var/lib/, var/lib/layerbench-workload/, file-0 (3 blocks)
        assertEquals(7, shared.perContainerInodes().getFirst());
        assertEquals(5 * 4096 + 4096 + 3 * 4096, shared.perContainerBytes().getFirst());
    }

    @Test
    void size_countsOnlyMultiply() {
        List<FleetImage> small = fleet();
        List<FleetImage> big =
                small.stream().map(i -> i.withContainers(i.containers() * 1000)).toList();
        FleetSizer sizer = new FleetSizer(Filesystem.EXT4, new Workload(2, 4096, 1, 1000, 1));
        SizingReport a = sizer.size(small);
        SizingReport b = sizer.size(big);
        for (FleetLayout l : FleetLayout.values()) {
            assertEquals(a.layout(l).perContainerBytes(), b.layout(l).perContainerBytes(), l.label());
            assertEquals(a.layout(l).fixedBytes(), b.layout(l).fixedBytes(), l.label());
        }
        assertEquals(
                a.layout(FleetLayout.FLAT).bytes() * 1000,
                b.layout(FleetLayout.FLAT).bytes());
    }
}
