package dev.layerbench.sizing;

import dev.layerbench.oci.EntryKind;
import dev.layerbench.oci.LayerPaths;
import java.util.ArrayList;
import java.util.Comparator;
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
        candidates.sort(BY_SIZE_THEN_PATH);
        int[] picked = ranks(candidates.size(), workload.modifyFiles());
        List<SummaryEntry> modified = new ArrayList<>(picked.length);
        for (int i : picked) {
            modified.add(candidates.get(i));
        }
        // the rest: candidates are distinct (one per path), so leaving out the picked ranks removes the modified ones
        List<SummaryEntry> rest = new ArrayList<>(candidates.size() - picked.length);
        for (int i = 0, next = 0; i < candidates.size(); i++) {
            if (next < picked.length && picked[next] == i) {
                next++;
            } else {
                rest.add(candidates.get(i));
            }
        }
        List<SummaryEntry> deleted = new ArrayList<>();
        for (int i : ranks(rest.size(), workload.deleteFiles())) {
            deleted.add(rest.get(i));
        }
        List<String> added = new ArrayList<>();
        for (int i = 0; i < workload.addFiles(); i++) {
            added.add(Workload.ADDED_DIR + "/" + addedName(i));
        }
        return new WorkloadPlan(modified, deleted, added);
    }

    private static final Comparator<SummaryEntry> BY_SIZE_THEN_PATH = (a, b) -> {
        int c = Long.compare(a.size(), b.size());
        return c != 0 ? c : a.path().compareTo(b.path());
    };

    /** {@code k} evenly spaced ranks of a sorted list of {@code size}: rank {@code i * size / k}, ascending, distinct. */
    private static int[] ranks(int size, int k) {
        int n = Math.min(k, size);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) ((long) i * size / n);
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
