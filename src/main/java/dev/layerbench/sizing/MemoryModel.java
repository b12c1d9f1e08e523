package dev.layerbench.sizing;

import dev.layerbench.digest.Digest;
import dev.layerbench.oci.EntryKind;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Page cache a fleet needs when every container reads its working set: the regular files of its image (all of them, or
 * a fraction of their bytes), each file's pages counted once per inode that holds them, in whole pages:
 * <ul>
 * <li>{@code shared} (and a kernel overlay over the same layers): one inode per file per distinct layer, so each
 *     visible file once per layer that provides it, however many containers and images read it;</li>
 * <li>{@code flat}: an inode per file per container, so N copies (reflinked copies too: page cache belongs to the
 *     inode, not to the extents);</li>
 * <li>{@code file-dedup}: with hard links, one inode per distinct (content, mode, owner): each once; with reflinks
 *     (XFS, btrfs) an inode per container, as {@code flat};</li>
 * <li>{@code chunk-dedup}: not modelled (no kernel reads chunks).</li>
 * </ul>
 * The layouts of {@code dev.layerbench.layout} with {@code --read} measure the same quantity.
 */
public final class MemoryModel {

    private final Filesystem fs;
    private final long pageSize;

    public MemoryModel(Filesystem fs, long pageSize) {
        if (pageSize < 512 || Long.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two >= 512, got " + pageSize);
        }
        this.fs = fs;
        this.pageSize = pageSize;
    }

    /** Bytes of page cache per layout when each container reads {@code fraction} (0 to 1) of its image's file bytes. */
    public Map<FleetLayout, Long> predict(List<FleetImage> images, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("read fraction must be between 0 and 1, got " + fraction);
        }
        Map<Digest, Set<String>> paths = new HashMap<>();
        Set<String> sharedKeys = new HashSet<>();
        Set<String> poolKeys = new HashSet<>();
        long shared = 0;
        long flat = 0;
        long pool = 0;
        Map<List<Digest>, Long> perImage = new HashMap<>();
        for (FleetImage image : images) {
            List<Digest> stack =
                    image.layers().stream().map(LayerSummary::diffId).toList();
            Long imageBytes = perImage.get(stack);
            boolean first = imageBytes == null;
            long own = 0;
            for (SummaryEntry e : ImageTree.of(image.layers()).entries().values()) {
                if (e.kind() != EntryKind.FILE) {
                    continue;
                }
                long pages = pages(e.size());
                if (first) {
                    own += pages;
                }
                if (sharedKeys.add(provider(image.layers(), e.path(), paths) + "/" + e.path())) {
                    shared += pages;
                }
                if (poolKeys.add(e.sha256() + "-" + Integer.toOctalString(e.mode()) + "-" + e.uid() + "-" + e.gid())) {
                    pool += pages;
                }
            }
            if (first) {
                imageBytes = own;
                perImage.put(stack, own);
            }
            flat += image.containers() * imageBytes;
        }
        Map<FleetLayout, Long> out = new EnumMap<>(FleetLayout.class);
        out.put(FleetLayout.SHARED, Math.round(shared * fraction));
        out.put(FleetLayout.FLAT, Math.round(flat * fraction));
        out.put(FleetLayout.FILE_DEDUP, Math.round((fs.reflinks() ? flat : pool) * fraction));
        return out;
    }

    private long pages(long size) {
        return (size + pageSize - 1) / pageSize * pageSize;
    }

    /** The diff_id of the topmost layer of {@code layers} that has an entry at {@code path}. */
    private static Digest provider(List<LayerSummary> layers, String path, Map<Digest, Set<String>> paths) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            LayerSummary l = layers.get(i);
            Set<String> p = paths.computeIfAbsent(l.diffId(), d -> {
                Set<String> s = new HashSet<>();
                for (SummaryEntry e : l.entries()) {
                    if (e.kind() != EntryKind.WHITEOUT && e.kind() != EntryKind.OPAQUE) {
                        s.add(e.path());
                    }
                }
                return s;
            });
            if (p.contains(path)) {
                return l.diffId();
            }
        }
        throw new IllegalStateException(path + ": in the image but in none of its layers");
    }
}
