package dev.layerbench.sizing;

import dev.layerbench.digest.Digest;
import dev.layerbench.oci.EntryKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A registry-scale synthetic corpus: layer summaries generated directly (no tar, no file content), seeded and the same
 * for a seed, with exactly {@code fileRows} regular-file rows over its distinct layers. Calibrated to the published
 * figures of Docker Hub (Zhao et al., CLUSTER 2019): median layer under 4 MB, about 1,090 files per image, Zipf layer and
 * file popularity, about 3% of files unique. How:
 * <ul>
 * <li>each image stacks a base layer (of {@code fileRows / 100,000}, at least 16, made when first drawn), with
 *     probability 0.6 a runtime layer (of {@code fileRows / 60,000}, at least 8) and 1 to 5 layers of its own; base and
 *     runtime layers are drawn by Zipf rank (exponent 1), so a few are in most images and most in one;</li>
 * <li>files per layer are log-normal: median 650 (sigma 0.15) for a base, 150 (sigma 1) for a runtime, 30 (sigma 1.8) for
 *     an image's own layer;</li>
 * <li>a file's content is new with probability 0.03, else an earlier one drawn by Zipf rank (exponent 1, the oldest
 *     the most popular); a content's size is log-normal, median 3,000 bytes (sigma 2.2, at most 1 GiB), fixed at its
 *     making; its sha256 is synthetic (a seeded hash of its number, 64 hex digits);</li>
 * <li>chunks: one per 64 KiB of a content, ids derived from the content, so chunk dedup equals file dedup (no partial
 *     sharing between contents is modelled);</li>
 * <li>paths: {@code usr/lib/dN/fM} (base), {@code opt/rt/dN/fM} (runtime), {@code app/dN/fM} (own), 64 files a
 *     directory, each directory an entry before its files; modes 0644 and 0755, owner 0.</li>
 * </ul>
 * Random numbers come from {@link SplittableRandom} and {@link StrictMath}, so a seed gives the same corpus on any JVM.
 */
public final class RegistryCorpus {

    /** At most this many file rows (the largest the issue asks for, 10^8, ten times over). */
    public static final long MAX_ROWS = 1_000_000_000L;

    private static final double NEW_CONTENT = 0.03;
    private static final double RUNTIME_SHARE = 0.6;
    private static final int FILES_PER_DIR = 64;
    private static final int CHUNK = 65_536;
    private static final long MAX_SIZE = 1L << 30;

    /** Receives each layer once, as it is made (a sink may write it and drop it). */
    @FunctionalInterface
    public interface Sink {
        void layer(LayerSummary layer) throws IOException;
    }

    /** One image: its name and layer diff_ids, bottom first (one container each). */
    public record Image(String ref, List<Digest> layers) {}

    /**
     * What was generated, with the figures calibration is checked on.
     *
     * @param layerBytes   content bytes of each layer, in making order
     * @param layerUses    images using each layer, in making order
     * @param imageFiles   file rows over each image's layers (each layer's rows counted)
     * @param contentUses  file rows of each distinct content, in making order
     */
    public record Result(
            List<Image> images,
            long fileRows,
            long entryRows,
            long chunkRows,
            long[] layerBytes,
            int[] layerUses,
            long[] imageFiles,
            int[] contentUses) {

        public long distinctContents() {
            return contentUses.length;
        }

        /** Distinct contents over file rows: the unique-file share. */
        public double uniqueFileFraction() {
            return fileRows == 0 ? 0 : (double) contentUses.length / fileRows;
        }

        public long medianLayerBytes() {
            return median(layerBytes);
        }

        public long medianImageFiles() {
            return median(imageFiles);
        }

        private static long median(long[] values) {
            long[] v = values.clone();
            Arrays.sort(v);
            return v.length == 0 ? 0 : v[(v.length - 1) / 2];
        }
    }

    private final long seed;
    private final SplittableRandom random;
    private long[] contentSize = new long[1024];
    private int[] contentUses = new int[1024];
    private int contents;
    private long[] layerBytes = new long[1024];
    private int[] layerUses = new int[1024];
    private long[] lastFiles = new long[1024];
    private int layers;
    private long fileRows;
    private long entryRows;
    private long chunkRows;

    private RegistryCorpus(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** Generates the corpus of {@code fileRows} file rows for {@code seed}, each layer to {@code sink}. */
    public static Result generate(long fileRows, long seed, Sink sink) throws IOException {
        if (fileRows < 1 || fileRows > MAX_ROWS) {
            throw new IllegalArgumentException("corpus rows must be from 1 to " + MAX_ROWS + ", got " + fileRows);
        }
        return new RegistryCorpus(seed).run(fileRows, sink);
    }

    /** The corpus as a fleet in memory (for small sizes): one container per image. */
    public static List<FleetImage> fleet(long fileRows, long seed) throws IOException {
        Map<Digest, LayerSummary> made = new LinkedHashMap<>();
        Result r = generate(fileRows, seed, l -> made.put(l.diffId(), l));
        List<FleetImage> out = new ArrayList<>(r.images().size());
        for (Image i : r.images()) {
            out.add(new FleetImage(
                    i.ref(), 1, i.layers().stream().map(made::get).toList()));
        }
        return out;
    }

    private enum Role {
        BASE("usr/lib", 650, 0.15),
        RUNTIME("opt/rt", 150, 1.0),
        OWN("app", 30, 1.8);

        final String root;
        final double median;
        final double sigma;

        Role(String root, double median, double sigma) {
            this.root = root;
            this.median = median;
            this.sigma = sigma;
        }
    }

    private Result run(long target, Sink sink) throws IOException {
        int basePool = (int) Math.max(16, target / 100_000);
        int runtimePool = (int) Math.max(8, target / 60_000);
        int[] bases = new int[basePool];
        int[] runtimes = new int[runtimePool];
        Arrays.fill(bases, -1);
        Arrays.fill(runtimes, -1);
        List<Image> images = new ArrayList<>();
        List<Long> imageFiles = new ArrayList<>();
        while (fileRows < target) {
            List<Integer> stack = new ArrayList<>();
            int b = zipf(basePool);
            if (bases[b] < 0) {
                bases[b] = make(Role.BASE, target, sink);
            }
            stack.add(bases[b]);
            if (fileRows < target && random.nextDouble() < RUNTIME_SHARE) {
                int t = zipf(runtimePool);
                if (runtimes[t] < 0) {
                    runtimes[t] = make(Role.RUNTIME, target, sink);
                }
                stack.add(runtimes[t]);
            }
            int own = 1 + random.nextInt(5);
            for (int k = 0; k < own && fileRows < target; k++) {
                stack.add(make(Role.OWN, target, sink));
            }
            long files = 0;
            List<Digest> diffIds = new ArrayList<>(stack.size());
            for (int l : stack) {
                layerUses[l]++;
                files += lastFiles[l];
                diffIds.add(diffId(l));
            }
            images.add(new Image("corpus/" + images.size(), diffIds));
            imageFiles.add(files);
        }
        return new Result(
                images,
                fileRows,
                entryRows,
                chunkRows,
                Arrays.copyOf(layerBytes, layers),
                Arrays.copyOf(layerUses, layers),
                imageFiles.stream().mapToLong(Long::longValue).toArray(),
                Arrays.copyOf(contentUses, contents));
    }

    /** Makes one layer of {@code role} (truncated where the corpus reaches its rows), hands it over, returns its number. */
    private int make(Role role, long target, Sink sink) throws IOException {
        int n = layers++;
        if (n == layerBytes.length) {
            layerBytes = Arrays.copyOf(layerBytes, n * 2);
            layerUses = Arrays.copyOf(layerUses, n * 2);
            lastFiles = Arrays.copyOf(lastFiles, n * 2);
        }
        long files = Math.max(1, Math.round(StrictMath.exp(StrictMath.log(role.median) + role.sigma * gaussian())));
        files = Math.min(files, target - fileRows);
        List<SummaryEntry> entries = new ArrayList<>((int) (files + files / FILES_PER_DIR + 4));
        String p = "";
        for (String part : role.root.split("/")) {
            p = p.isEmpty() ? part : p + "/" + part;
            entries.add(dir(p));
        }
        long bytes = 0;
        for (int f = 0; f < files; f++) {
            if (f % FILES_PER_DIR == 0) {
                entries.add(dir(role.root + "/d" + f / FILES_PER_DIR));
            }
            int c = content();
            long size = contentSize[c];
            bytes += size;
            Chunks chunks = chunks(c, size);
            chunkRows += chunks.count();
            entries.add(new SummaryEntry(
                    role.root + "/d" + f / FILES_PER_DIR + "/f" + f,
                    EntryKind.FILE,
                    size,
                    sha256(c),
                    "",
                    0644,
                    0,
                    0,
                    chunks));
        }
        fileRows += files;
        entryRows += entries.size();
        layerBytes[n] = bytes;
        lastFiles[n] = files;
        sink.layer(new LayerSummary(diffId(n), entries));
        return n;
    }

    /** A new content (probability 0.03, or the first), else an earlier one by Zipf rank. */
    private int content() {
        int c;
        if (contents == 0 || random.nextDouble() < NEW_CONTENT) {
            if (contents == contentSize.length) {
                contentSize = Arrays.copyOf(contentSize, contents * 2);
                contentUses = Arrays.copyOf(contentUses, contents * 2);
            }
            c = contents++;
            double s = StrictMath.exp(StrictMath.log(3000) + 2.2 * gaussian());
            contentSize[c] = Math.max(1, Math.min(MAX_SIZE, Math.round(s)));
        } else {
            c = zipf(contents);
        }
        contentUses[c]++;
        return c;
    }

    /** An index in [0, n) with P(k) close to proportional to 1 / (k + 1): floor(n^u) - 1 for u uniform in [0, 1). */
    private int zipf(int n) {
        int k = (int) StrictMath.floor(StrictMath.pow(n, random.nextDouble())) - 1;
        return Math.max(0, Math.min(n - 1, k));
    }

    /** A standard normal deviate (Box-Muller, StrictMath: the same on every JVM). */
    private double gaussian() {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }

    private Chunks chunks(int c, long size) {
        int n = (int) ((size + CHUNK - 1) / CHUNK);
        long[] ids = new long[n];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = mix(seed ^ mix(0x6368756e6bL + c) + i);
            lengths[i] = (int) (i < n - 1 ? CHUNK : size - (long) CHUNK * (n - 1));
        }
        return new Chunks(ids, lengths);
    }

    private String sha256(int c) {
        long h = mix(seed + 0x636f6e74656e74L * (c + 1L));
        StringBuilder s = new StringBuilder(64);
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < 4; i++) {
            h = mix(h + i);
            s.append(hex.toHexDigits(h));
        }
        return s.toString();
    }

    private Digest diffId(int layer) {
        long h = mix(seed + 0x6c61796572L * (layer + 1L));
        byte[] b = new byte[32];
        for (int i = 0; i < 4; i++) {
            h = mix(h + i);
            for (int j = 0; j < 8; j++) {
                b[i * 8 + j] = (byte) (h >>> (56 - 8 * j));
            }
        }
        return Digest.ofSha256Bytes(b);
    }

    /** SplitMix64's finalizer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static SummaryEntry dir(String path) {
        return new SummaryEntry(path, EntryKind.DIRECTORY, 0, "", "", 0755, 0, 0, Chunks.NONE);
    }
}
