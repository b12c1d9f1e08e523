package dev.layerbench.union;

import dev.layerbench.oci.EntryKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One directory of a union, merged once from its contributing layers (top first): each name maps to its topmost
 * entry, whiteouts included (they stop the layers below and are left out of listings). Immutable once built; the
 * merged subdirectories are linked lazily.
 */
final class MergedDir {

    /** A name in the merged directory. */
    static final class Child {
        final LayerEntry entry;
        final LayerDir layer;
        /** Position of {@link #layer} in the parent's contributors. */
        final int position;

        volatile MergedDir sub;

        Child(LayerEntry entry, LayerDir layer, int position) {
            this.entry = entry;
            this.layer = layer;
            this.position = position;
        }
    }

    final String path;
    final List<LayerDir> contributors;
    final Map<String, Child> children;

    MergedDir(String path, List<LayerDir> contributors) {
        this.path = path;
        this.contributors = contributors;
        Map<String, Child> map = new HashMap<>();
        for (int i = 0; i < contributors.size(); i++) {
            LayerDir layer = contributors.get(i);
            for (LayerEntry e : layer.listing(path).entries().values()) {
                map.putIfAbsent(e.name(), new Child(e, layer, i));
            }
        }
        this.children = Map.copyOf(map);
    }

    /** The merged subdirectory {@code name} (which must be a directory child), built or found in the cache once. */
    MergedDir sub(Child child, LayerCache cache) {
        MergedDir s = child.sub;
        if (s == null) {
            String subPath = path.isEmpty() ? child.entry.name() : path + "/" + child.entry.name();
            s = cache.merged(subPath, contributorsOf(child));
            child.sub = s;
        }
        return s;
    }

    /**
     * The layers that contribute to a child directory: from the one holding the topmost entry down, skipping layers
     * that lack the name, stopping after an opaque directory and before a whiteout or a non-directory.
     */
    private List<LayerDir> contributorsOf(Child child) {
        List<LayerDir> list = new ArrayList<>();
        String name = child.entry.name();
        for (int i = child.position; i < contributors.size(); i++) {
            LayerEntry e = contributors.get(i).listing(path).entries().get(name);
            if (e == null) {
                continue;
            }
            if (e.kind() != EntryKind.DIRECTORY) {
                break;
            }
            list.add(contributors.get(i));
            if (e.opaque()) {
                break;
            }
        }
        return List.copyOf(list);
    }
}
