package dev.layerbench.union;

import dev.layerbench.oci.EntryKind;
import dev.layerbench.oci.LayerPaths;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Lookup through merged directories: a hash probe per path component, whatever the depth. */
final class IndexedView implements UnionView {

    private final LayerCache cache;
    private final int depth;
    private final Map<LayerDir, Integer> indexOf = new IdentityHashMap<>();
    private final MergedDir root;

    IndexedView(LayerCache cache, List<LayerDir> bottomToTop) {
        this.cache = cache;
        this.depth = bottomToTop.size();
        List<LayerDir> topFirst = new ArrayList<>();
        for (int i = bottomToTop.size() - 1; i >= 0; i--) {
            LayerDir layer = bottomToTop.get(i);
            indexOf.putIfAbsent(layer, i);
            LayerDir.Listing listing = layer.listing("");
            topFirst.add(layer);
            if (listing.opaque()) {
                break;
            }
        }
        this.root = cache.merged("", List.copyOf(topFirst));
    }

    @Override
    public Optional<Node> lookup(String path) {
        String p = LayerPaths.clean(path);
        if (p.isEmpty()) {
            LayerDir top = root.contributors.isEmpty() ? null : root.contributors.get(0);
            return top == null
                    ? Optional.empty()
                    : Optional.of(new Node("", EntryKind.DIRECTORY, 0755, 0, indexOf.get(top), top.root()));
        }
        MergedDir dir = root;
        int start = 0;
        while (true) {
            int slash = p.indexOf('/', start);
            String name = slash < 0 ? p.substring(start) : p.substring(start, slash);
            MergedDir.Child child = dir.children.get(name);
            if (child == null || child.entry.kind() == EntryKind.WHITEOUT) {
                return Optional.empty();
            }
            if (slash < 0) {
                LayerEntry e = child.entry;
                return Optional.of(new Node(p, e.kind(), e.mode(), e.size(), indexOf.get(child.layer), e.path()));
            }
            if (child.entry.kind() != EntryKind.DIRECTORY) {
                return Optional.empty();
            }
            dir = dir.sub(child, cache);
            start = slash + 1;
        }
    }

    @Override
    public List<String> list(String path) {
        String p = LayerPaths.clean(path);
        MergedDir dir = root;
        for (String name : LayerPaths.components(p)) {
            MergedDir.Child child = dir.children.get(name);
            if (child == null || child.entry.kind() != EntryKind.DIRECTORY) {
                return List.of();
            }
            dir = dir.sub(child, cache);
        }
        List<String> names = new ArrayList<>();
        dir.children.forEach((name, child) -> {
            if (child.entry.kind() != EntryKind.WHITEOUT) {
                names.add(name);
            }
        });
        names.sort(null);
        return names;
    }

    @Override
    public int depth() {
        return depth;
    }
}
