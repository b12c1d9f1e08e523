package dev.layerbench.union;

import dev.layerbench.oci.EntryKind;
import dev.layerbench.oci.LayerPaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Lookup by walking the layer directories top down on every call, a stat per layer per component (and one more per
 * OCI whiteout checked): the cost grows with depth. The comparison row for {@link IndexedView}.
 */
final class NaiveView implements UnionView {

    private final List<LayerDir> topFirst;
    /** The layers under the root: down to the first opaque root, found once, as a mount does. */
    private final List<LayerDir> rootLayers;

    NaiveView(List<LayerDir> bottomToTop) {
        List<LayerDir> list = new ArrayList<>(bottomToTop);
        java.util.Collections.reverse(list);
        this.topFirst = List.copyOf(list);
        List<LayerDir> roots = new ArrayList<>();
        for (LayerDir l : topFirst) {
            roots.add(l);
            if (LayerDir.classify(l.root(), "").opaque()) {
                break;
            }
        }
        this.rootLayers = List.copyOf(roots);
    }

    private record Found(LayerEntry entry, LayerDir layer, List<LayerDir> contributors) {}

    /** Finds the topmost entry for a path, and for a directory the layers that contribute to it. */
    private Found find(String p) {
        List<LayerDir> candidates = rootLayers;
        if (p.isEmpty()) {
            return new Found(
                    new LayerEntry(
                            "",
                            EntryKind.DIRECTORY,
                            0755,
                            0,
                            false,
                            topFirst.get(0).root()),
                    topFirst.get(0),
                    candidates);
        }
        List<String> parts = LayerPaths.components(p);
        String parent = "";
        for (int k = 0; k < parts.size(); k++) {
            String name = parts.get(k);
            boolean last = k == parts.size() - 1;
            List<LayerDir> next = new ArrayList<>();
            Found first = null;
            for (LayerDir l : candidates) {
                LayerEntry e = l.entryUncached(parent, name);
                if (e == null) {
                    continue;
                }
                if (first == null) {
                    if (e.kind() == EntryKind.WHITEOUT) {
                        return null;
                    }
                    first = new Found(e, l, next);
                    if (e.kind() != EntryKind.DIRECTORY) {
                        break;
                    }
                } else if (e.kind() != EntryKind.DIRECTORY) {
                    break;
                }
                next.add(l);
                if (e.opaque()) {
                    break;
                }
            }
            if (first == null) {
                return null;
            }
            if (last) {
                return first;
            }
            if (first.entry().kind() != EntryKind.DIRECTORY) {
                return null;
            }
            candidates = next;
            parent = LayerPaths.join(parent, name);
        }
        return null;
    }

    @Override
    public Optional<Node> lookup(String path) {
        String p = LayerPaths.clean(path);
        Found f = find(p);
        if (f == null) {
            return Optional.empty();
        }
        int layer = topFirst.size() - 1 - topFirst.indexOf(f.layer());
        LayerEntry e = f.entry();
        return Optional.of(new Node(p, e.kind(), e.mode(), e.size(), layer, e.path()));
    }

    @Override
    public List<String> list(String path) {
        String p = LayerPaths.clean(path);
        Found f = find(p);
        if (f == null || f.entry().kind() != EntryKind.DIRECTORY) {
            return List.of();
        }
        Map<String, EntryKind> seen = new HashMap<>();
        for (LayerDir l : f.contributors()) {
            // read the directory afresh: a throwaway LayerDir keeps no cache between calls
            for (LayerEntry e : new LayerDir(l.root()).listing(p).entries().values()) {
                seen.putIfAbsent(e.name(), e.kind());
            }
        }
        TreeSet<String> names = new TreeSet<>();
        seen.forEach((name, kind) -> {
            if (kind != EntryKind.WHITEOUT) {
                names.add(name);
            }
        });
        return List.copyOf(names);
    }

    @Override
    public int depth() {
        return topFirst.size();
    }
}
