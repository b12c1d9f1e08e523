package dev.layerbench.dataset;

import dev.layerbench.tar.TarEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plans the layers of a synthetic dataset: which entries each layer holds, as a pure function of the parameters.
 * Nothing here touches the disk; {@link SyntheticBuilder} writes the plan.
 *
 * <p>Each image starts from the shared base layers (planned once), then adds its own layers. A layer above the bottom
 * first makes {@code opaqueDirs} directories opaque (hiding their lower content, adding one fresh file), then deletes
 * some visible files (whiteouts), rewrites others (same path, new content) and adds new files in random directories
 * of a fixed tree. File sizes are log-normal; content is either unique or drawn from a pool shared by every layer and
 * image. Every random choice comes from a {@link SplittableRandom} seeded by (seed, image, layer), and sizes use
 * {@link StrictMath}, so the plan is the same on every machine.
 */
final class SyntheticGenerator {

    /** A layer's entries and counts; {@code id} names it in progress and history ({@code base-0}, {@code image-1-4}). */
    record LayerPlan(String id, List<TarEntry> entries, int files, int whiteouts) {}

    /** An image's name and its layers, bottom first (shared plans are the same objects in every image). */
    record ImagePlan(String name, List<LayerPlan> layers) {}

    private static final String[] EXTENSIONS = {".so", ".py", ".h", ".txt", ".json", ".gz", "", ".conf"};
    private static final long SHARED = -1;
    private static final long POOL = -2;

    private final SyntheticParameters p;
    private final List<String> dirs;

    SyntheticGenerator(SyntheticParameters parameters) {
        this.p = parameters;
        this.dirs = directoryTree(parameters.dirFanout(), parameters.dirDepth());
    }

    /** Image names: {@code image-0}, {@code image-1}, ... */
    static String imageName(int i) {
        return "image-" + i;
    }

    List<ImagePlan> plan() {
        TreeMap<String, Long> baseVisible = new TreeMap<>();
        List<LayerPlan> base = new ArrayList<>();
        for (int l = 0; l < p.sharedLayers(); l++) {
            base.add(layer("base-" + l, SHARED, l, baseVisible));
        }
        List<ImagePlan> images = new ArrayList<>();
        for (int i = 0; i < p.images(); i++) {
            TreeMap<String, Long> visible = new TreeMap<>(baseVisible);
            List<LayerPlan> layers = new ArrayList<>(base);
            for (int l = p.sharedLayers(); l < p.depth(); l++) {
                layers.add(layer("image-" + i + "-" + l, i, l, visible));
            }
            images.add(new ImagePlan(imageName(i), List.copyOf(layers)));
        }
        return images;
    }

    /** Plans one layer and applies it to {@code visible} (path to content key of the files an image shows). */
    private LayerPlan layer(String id, long image, int index, TreeMap<String, Long> visible) {
        SplittableRandom rng = new SplittableRandom(mix(p.seed(), image, index));
        TreeMap<String, TarEntry> entries = new TreeMap<>();
        int files = 0;
        int whiteouts = 0;
        int serial = 0;
        if (index > 0) {
            for (int k = 0; k < p.opaqueDirs() && !visible.isEmpty(); k++) {
                String victim = pick(visible, entries, rng);
                int slash = victim == null ? -1 : victim.lastIndexOf('/');
                if (slash < 0) {
                    continue;
                }
                String dir = victim.substring(0, slash);
                visible.subMap(dir + "/", dir + "0").clear(); // '0' follows '/': everything under dir/
                put(entries, TarEntry.opaque(dir));
                whiteouts++;
                String path = dir + "/" + fileName(id, serial++, rng);
                put(entries, newFile(path, rng, image, index, serial, visible));
                files++;
            }
            int deletes = (int) Math.min(visible.size(), StrictMath.round(p.deleteShare() * p.filesPerLayer()));
            for (int k = 0; k < deletes; k++) {
                String victim = pick(visible, entries, rng);
                if (victim == null) {
                    break;
                }
                visible.remove(victim);
                put(entries, TarEntry.whiteout(victim));
                whiteouts++;
            }
        }
        int rewrites =
                index == 0 ? 0 : (int) Math.min(visible.size(), StrictMath.round(p.rewriteShare() * p.filesPerLayer()));
        List<String> candidates = new ArrayList<>(visible.keySet());
        candidates.removeIf(entries::containsKey);
        rewrites = Math.min(rewrites, candidates.size());
        for (int k = 0; k < rewrites; k++) {
            int j = k + rng.nextInt(candidates.size() - k);
            String path = candidates.get(j);
            candidates.set(j, candidates.get(k));
            put(entries, newFile(path, rng, image, index, serial++, visible));
            files++;
        }
        for (int k = rewrites; k < p.filesPerLayer(); k++) {
            String dir = dirs.get(rng.nextInt(dirs.size()));
            String path = (dir.isEmpty() ? "" : dir + "/") + fileName(id, serial++, rng);
            put(entries, newFile(path, rng, image, index, serial, visible));
            files++;
        }
        TreeSet<String> parents = new TreeSet<>();
        for (String path : entries.keySet()) {
            for (int s = path.indexOf('/'); s >= 0; s = path.indexOf('/', s + 1)) {
                parents.add(path.substring(0, s));
            }
        }
        for (String dir : parents) {
            entries.put(dir, TarEntry.dir(dir));
        }
        return new LayerPlan(id, List.copyOf(entries.values()), files, whiteouts);
    }

    private TarEntry newFile(
            String path, SplittableRandom rng, long image, int index, int serial, TreeMap<String, Long> visible) {
        long key;
        if (rng.nextDouble() < p.duplicateShare()) {
            key = mix(p.seed(), POOL, rng.nextInt(Math.max(1, p.filesPerLayer())));
        } else {
            key = mix(mix(p.seed(), image, index), serial, rng.nextLong());
        }
        visible.put(path, key);
        TarEntry e = TarEntry.file(path, new SyntheticContent(key, size(key), p.compressibility()));
        return path.endsWith(".so") || !path.contains(".") ? e.withMode(0755) : e;
    }

    /** Log-normal size for a content key (Box-Muller on StrictMath, so every JVM gets the same number). */
    long size(long key) {
        if (p.medianFileSize() == 0) {
            return 0;
        }
        SplittableRandom r = new SplittableRandom(key ^ 0x5eed5eed5eedL);
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        double g = StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
        double s = p.medianFileSize() * StrictMath.exp(p.fileSizeSigma() * g);
        return Math.min(p.maxFileSize(), StrictMath.round(s));
    }

    private static String fileName(String layerId, int serial, SplittableRandom rng) {
        return "f-" + layerId + "-" + serial + EXTENSIONS[rng.nextInt(EXTENSIONS.length)];
    }

    /** A uniformly random visible path not written by this layer, or null when there is none. */
    private static String pick(TreeMap<String, Long> visible, TreeMap<String, TarEntry> written, SplittableRandom rng) {
        List<String> keys = new ArrayList<>(visible.keySet());
        keys.removeIf(written::containsKey);
        return keys.isEmpty() ? null : keys.get(rng.nextInt(keys.size()));
    }

    private static void put(TreeMap<String, TarEntry> entries, TarEntry e) {
        entries.put(e.path(), e);
    }

    /** Every directory of a tree {@code depth} levels deep with {@code fanout} children each, the root as "". */
    static List<String> directoryTree(int fanout, int depth) {
        List<String> all = new ArrayList<>();
        all.add("");
        List<String> level = List.of("");
        for (int d = 0; d < depth; d++) {
            List<String> next = new ArrayList<>();
            for (String parent : level) {
                for (int c = 0; c < fanout; c++) {
                    next.add((parent.isEmpty() ? "" : parent + "/") + "d" + d + "-" + c);
                }
            }
            all.addAll(next);
            level = next;
        }
        return List.copyOf(all);
    }

    /** splitmix64 of a running hash: a well-spread seed for each (seed, a, b). */
    static long mix(long seed, long a, long b) {
        return fmix(fmix(fmix(seed) + a) + b);
    }

    private static long fmix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
