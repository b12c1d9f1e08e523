package dev.layerbench.sizing;

import dev.layerbench.oci.EntryKind;
import dev.layerbench.oci.LayerPaths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which files of an image a {@link Workload} touches, the same in every container of that image and for anyone who
 * replays it (a validation test, a benchmark, the layouts' write workload): the regular files of the flattened tree
 * (a hard link as the file it names) sorted by size, then path, taken at evenly spaced ranks so that small and large
 * files are both picked; the files deleted are picked the same way from those not modified. Images with fewer files
 * get fewer.
 *
 * @param modified files written to (a hard link with its target's size and content)
 * @param deleted  files deleted
 * @param added    paths of the added files, under {@link Workload#ADDED_DIR}
 */
public record WorkloadPlan(List<SummaryEntry> modified, List<SummaryEntry> deleted, List<String> added) {

    public WorkloadPlan {
        modified = List.copyOf(modified);
        deleted = List.copyOf(deleted);
        added = List.copyOf(added);
    }

    public static WorkloadPlan of(ImageTree tree, Workload workload) {
        List<SummaryEntry> candidates = new ArrayList<>();
        for (SummaryEntry e : tree.entries().values()) {
            if (e.kind() == EntryKind.FILE) {
                candidates.add(e);
            } else if (e.kind() == EntryKind.HARDLINK) {
                SummaryEntry target = tree.entries().get(e.link());
                if (target != null && target.kind() == EntryKind.FILE) {
                    candidates.add(new SummaryEntry(
                            e.path(),
                            EntryKind.FILE,
                            target.size(),
                            target.sha256(),
                            "",
                            target.mode(),
                            target.uid(),
                            target.gid(),
                            target.chunks()));
                }
            }
        }
        candidates.sort(Comparator.comparingLong(SummaryEntry::size).thenComparing(SummaryEntry::path));
        List<SummaryEntry> modified = spread(candidates, workload.modifyFiles());
        List<SummaryEntry> rest = new ArrayList<>(candidates);
        rest.removeAll(new HashSet<>(modified));
        List<SummaryEntry> deleted = spread(rest, workload.deleteFiles());
        List<String> added = new ArrayList<>();
        for (int i = 0; i < workload.addFiles(); i++) {
            added.add(Workload.ADDED_DIR + "/" + addedName(i));
        }
        return new WorkloadPlan(modified, deleted, added);
    }

    /** {@code k} entries at evenly spaced ranks of a sorted list: rank {@code i * n / k}. */
    private static List<SummaryEntry> spread(List<SummaryEntry> sorted, int k) {
        int n = Math.min(k, sorted.size());
        List<SummaryEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(sorted.get((int) ((long) i * sorted.size() / n)));
        }
        return out;
    }

    /** The name of the i-th added file. */
    public static String addedName(int i) {
        return "file-" + i;
    }

    /** The directories (not the root) an overlayfs upper layer holds for this plan: the ancestors of what it writes. */
    public Set<String> upperDirs() {
        Set<String> dirs = new TreeSet<>();
        for (List<SummaryEntry> list : List.of(modified, deleted)) {
            for (SummaryEntry e : list) {
                for (String p = LayerPaths.parent(e.path()); !p.isEmpty(); p = LayerPaths.parent(p)) {
                    dirs.add(p);
                }
            }
        }
        if (!added.isEmpty()) {
            for (String p = Workload.ADDED_DIR; !p.isEmpty(); p = LayerPaths.parent(p)) {
                dirs.add(p);
            }
        }
        return dirs;
    }
}
