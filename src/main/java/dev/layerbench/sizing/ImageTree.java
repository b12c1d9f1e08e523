package dev.layerbench.sizing;

import dev.layerbench.oci.EntryKind;
import dev.layerbench.oci.LayerPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An image's root filesystem as its layers stack up (bottom first): each layer's whiteouts and opaque markers remove
 * from the layers below, then its entries are added (image-spec layer.md, "Applying changesets"); directories a
 * layer implies but does not list are added. Also counts what dive calls wasted space while stacking.
 */
public final class ImageTree {

    /** The root directory's path. */
    public static final String ROOT = "";

    private final TreeMap<String, SummaryEntry> entries;
    private final long[] wastedByLayer;
    private final long wastedBytes;

    private ImageTree(TreeMap<String, SummaryEntry> entries, long[] wastedByLayer, long wastedBytes) {
        this.entries = entries;
        this.wastedByLayer = wastedByLayer;
        this.wastedBytes = wastedBytes;
    }

    /** Stacks {@code layers}, bottom first. */
    public static ImageTree of(List<LayerSummary> layers) {
        TreeMap<String, SummaryEntry> tree = new TreeMap<>();
        tree.put(ROOT, dir(ROOT));
        WastedBytes wasted = new WastedBytes();
        for (int index = 0; index < layers.size(); index++) {
            LayerSummary layer = layers.get(index);
            List<SummaryEntry> adds = new ArrayList<>();
            for (SummaryEntry e : layer.entries()) {
                switch (e.kind()) {
                    case WHITEOUT -> {
                        SummaryEntry below = tree.get(e.path());
                        long size = below != null && below.kind() == EntryKind.DIRECTORY
                                ? fileBytesUnder(tree, e.path())
                                : 0;
                        wasted.appear(index, e.path(), size);
                        tree.remove(e.path());
                        descendants(tree, e.path()).clear();
                    }
                    case OPAQUE -> descendants(tree, e.path()).clear();
                    default -> adds.add(e);
                }
            }
            for (SummaryEntry e : adds) {
                if (e.path().equals(ROOT)) {
                    continue; // the root's own entry ("./"): metadata only
                }
                wasted.appear(index, e.path(), e.kind() == EntryKind.FILE ? e.size() : 0);
                SummaryEntry old = tree.put(e.path(), e);
                if (old != null && old.kind() == EntryKind.DIRECTORY && e.kind() != EntryKind.DIRECTORY) {
                    descendants(tree, e.path()).clear();
                }
                for (String p = LayerPaths.parent(e.path()); !p.isEmpty(); p = LayerPaths.parent(p)) {
                    SummaryEntry parent = tree.get(p);
                    if (parent != null && parent.kind() == EntryKind.DIRECTORY) {
                        break;
                    }
                    tree.put(p, dir(p));
                }
            }
        }
        return new ImageTree(tree, wasted.byLayer(layers.size()), wasted.total());
    }

    /** Path to entry, the root ("") included, in path order. */
    public NavigableMap<String, SummaryEntry> entries() {
        return java.util.Collections.unmodifiableNavigableMap(entries);
    }

    /**
     * Bytes that later layers overwrite or delete, as dive counts them ({@link WastedBytes}): for every path that appears
     * in more than one layer (a whiteout counts as an appearance, sized as the directory tree it removes), the bytes of
     * all its appearances.
     */
    public long wastedBytes() {
        return wastedBytes;
    }

    /** {@link #wastedBytes} per layer, bottom first: the bytes of the layer's own appearances of such paths. */
    public long[] wastedBytesByLayer() {
        return wastedByLayer.clone();
    }

    /** Regular file content bytes of the flattened tree, each hard-link group once. */
    public long contentBytes() {
        long total = 0;
        for (SummaryEntry e : entries.values()) {
            if (e.kind() == EntryKind.FILE) {
                total += e.size();
            }
        }
        return total;
    }

    /** The names in directory {@code dir} (its children's last parts), in path order. */
    public List<String> childNames(String dir) {
        int from = dir.isEmpty() ? 0 : dir.length() + 1;
        List<String> names = new ArrayList<>();
        for (String p : descendants(entries, dir).keySet()) {
            if (p.indexOf('/', from) < 0) {
                names.add(p.substring(from));
            }
        }
        return names;
    }

    static NavigableMap<String, SummaryEntry> descendants(TreeMap<String, SummaryEntry> tree, String dir) {
        if (dir.isEmpty()) {
            return tree.tailMap(ROOT, false);
        }
        // '/' + 1 == '0': every "dir/..." sorts between "dir/" and "dir0"
        return tree.subMap(dir + "/", true, dir + "0", false);
    }

    private static long fileBytesUnder(TreeMap<String, SummaryEntry> tree, String dir) {
        long total = 0;
        for (SummaryEntry e : descendants(tree, dir).values()) {
            if (e.kind() == EntryKind.FILE) {
                total += e.size();
            }
        }
        return total;
    }

    private static SummaryEntry dir(String path) {
        return new SummaryEntry(path, EntryKind.DIRECTORY, 0, "", "", 0755, 0, 0, Chunks.NONE);
    }
}
