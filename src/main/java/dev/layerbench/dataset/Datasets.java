package dev.layerbench.dataset;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.HeldLock;
import dev.layerbench.fs.Trees;
import dev.layerbench.store.BlobStore;
import dev.layerbench.store.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Building, reusing and verifying datasets: what the {@code dataset} tool and the benchmarks call.
 *
 * <p>A build goes into a staging directory beside the target and is renamed into place once complete, with the
 * recorded manifest {@value #RECORD_FILE} written last: a target never holds half a dataset. A synthetic build must
 * equal its pinned layers or it fails; a real build records its layers and reports how they differ from the pinned
 * ones and from the build it replaces.
 *
 * <p>In a benchmark: {@code @Setup(Level.Trial) void setup() { data = Datasets.prepare(Datasets.DEFAULT); }} builds
 * the dataset into the cache (or reuses it) and checks every blob's digest before anything is measured.
 */
public final class Datasets {

    /** The dataset {@code java -jar target/benchmarks.jar} uses with no arguments: synthetic, no network. */
    public static final String DEFAULT = "synthetic-default";
    /** The small synthetic dataset tests and CI use. */
    public static final String SMALL = "synthetic-small";
    /** The manifest of the build, as recorded, inside the target directory. */
    public static final String RECORD_FILE = "dataset.json";
    /** Overrides the cache directory. */
    public static final String CACHE_ENV = "LAYERBENCH_DATASETS";

    private Datasets() {}

    /**
     * Where datasets are built by default: {@code $LAYERBENCH_DATASETS}, else
     * {@code $XDG_CACHE_HOME/layerbench/datasets}, else {@code ~/.cache/layerbench/datasets}.
     */
    public static Path cacheDir() {
        String override = System.getenv(CACHE_ENV);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("layerbench").resolve("datasets");
    }

    /** The catalog the jar carries. */
    public static DatasetCatalog catalog() throws IOException {
        return DatasetCatalog.load();
    }

    /**
     * For a benchmark's {@code @Setup(Level.Trial)}: the named dataset in the cache directory, built on first use
     * (real ones need root and the network), every layer blob re-hashed against the manifest.
     */
    public static BuiltDataset prepare(String name) throws IOException {
        return prepare(name, cacheDir().resolve(name));
    }

    /** As {@link #prepare(String)}, into {@code dir}. */
    public static BuiltDataset prepare(String name, Path dir) throws IOException {
        BuiltDataset built = build(catalog().get(name), dir, BuildOptions.quiet());
        verify(built);
        return built;
    }

    /**
     * The default dataset built afresh in a temporary directory on the working directory's disk (no network), verified;
     * closing the result deletes it.
     */
    public static TemporaryDataset temporaryDefault() throws IOException {
        return TemporaryDataset.create(catalog().get(DEFAULT), Path.of("").toAbsolutePath());
    }

    /** Builds a dataset of the catalog into {@code into}, or reuses a complete build there. */
    public static BuiltDataset build(String name, Path into, BuildOptions options) throws IOException {
        return build(catalog().get(name), into, options);
    }

    /** Builds {@code manifest}'s dataset into {@code into}, or reuses a complete build there. */
    public static BuiltDataset build(DatasetManifest manifest, Path into, BuildOptions options) throws IOException {
        Path target = into.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        // One builder of a target at a time, between processes (the dataset cache is shared): a second one waits, then
        // finds the first one's complete build and reuses it. Holding the lock, no one else is building, so what a
        // killed builder left beside the target (staging, temporary, moved-aside directories) can go. The empty lock
        // file stays beside the target: deleting it would let a waiting builder and a new one lock different files.
        try (HeldLock lock = HeldLock.acquire(target.resolveSibling("." + target.getFileName() + ".lock"))) {
            sweepLeftovers(target);
            return buildLocked(manifest, target, options);
        }
    }

    /** Deletes the {@code .NAME.partial-*}, {@code .NAME.tmp-*} and {@code .NAME.old-*} siblings of {@code target}. */
    private static void sweepLeftovers(Path target) throws IOException {
        String name = "." + target.getFileName();
        try (Stream<Path> s = Files.list(target.getParent())) {
            for (Path p : s.toList()) {
                String f = p.getFileName().toString();
                if (f.startsWith(name + ".partial-") || f.startsWith(name + ".tmp-") || f.startsWith(name + ".old-")) {
                    Trees.delete(p);
                }
            }
        }
    }

    private static BuiltDataset buildLocked(DatasetManifest manifest, Path target, BuildOptions options)
            throws IOException {
        Optional<DatasetManifest> previous = recorded(target);
        if (previous.isEmpty() && Files.exists(target) && !isEmptyDir(target)) {
            throw new DatasetException(target + ": exists and holds no dataset build (" + RECORD_FILE
                    + "); give an empty or new directory");
        }
        if (previous.isPresent()
                && !options.rebuild()
                && sameRecipe(previous.get(), manifest)
                && (manifest.kind() == DatasetKind.real
                        || !manifest.pinned()
                        || sameLayers(previous.get(), manifest))) {
            options.progress().step(manifest.name() + ": complete build found in " + target);
            return new BuiltDataset(previous.get(), target, true, differences(manifest, previous.get()));
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
        Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        try {
            ImageWriter writer = new ImageWriter(BlobStore.open(staging), temp);
            options.progress().step(manifest.name() + ": building into " + target);
            List<ImageRecord> images = switch (manifest.kind()) {
                case synthetic -> SyntheticBuilder.build(manifest.parameters(), writer, options.progress());
                case real ->
                    new RealBuilder(
                                    manifest.recipe(),
                                    cacheDir().resolve(".work").resolve("real"),
                                    options.progress(),
                                    options.rebuild())
                            .build(writer);
            };
            DatasetManifest built = manifest.withImages(images);
            List<String> differences = new ArrayList<>(differences(manifest, built));
            if (manifest.kind() == DatasetKind.synthetic && !differences.isEmpty()) {
                throw new DatasetException(
                        manifest.name() + ": the build differs from its manifest: " + differences.getFirst()
                                + (differences.size() > 1 ? " (and " + (differences.size() - 1) + " more)" : ""));
            }
            previous.filter(p -> sameRecipe(p, manifest))
                    .ifPresent(
                            p -> differences(p, built).forEach(d -> differences.add(BuiltDataset.SINCE_PREVIOUS + d)));
            Files.write(staging.resolve(RECORD_FILE), built.toJson());
            replace(staging, target);
            options.progress()
                    .step(manifest.name() + ": built " + built.images().size() + " images into " + target);
            return new BuiltDataset(built, target, false, differences);
        } finally {
            Trees.delete(temp);
            Trees.delete(staging);
        }
    }

    /** The manifest recorded by a complete build in {@code dir}, if there is one. */
    public static Optional<DatasetManifest> recorded(Path dir) throws IOException {
        Path file = dir.resolve(RECORD_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(DatasetManifest.read(in, file.toString()));
        }
    }

    /**
     * Checks a build on disk: every image tagged, every layer blob present with the recorded size and digest (each blob
     * re-hashed), and, for a synthetic dataset, the recorded layers equal to the pinned ones.
     *
     * @throws DatasetException naming the first problem
     */
    public static void verify(BuiltDataset built) throws IOException {
        BlobStore store = built.store();
        for (ImageRecord image : built.recorded().images()) {
            Optional<Descriptor> tagged = store.resolve(image.name());
            if (tagged.isEmpty()) {
                throw new DatasetException(built.root() + ": image " + image.name() + " is not tagged");
            }
            if (image.manifest() != null && !tagged.get().digest().equals(image.manifest())) {
                throw new DatasetException(built.root() + ": image " + image.name() + " is tagged "
                        + tagged.get().digest() + ", recorded " + image.manifest());
            }
        }
        for (LayerRecord layer : built.recorded().images().stream()
                .flatMap(i -> i.layers().stream())
                .distinct()
                .toList()) {
            Path blob = store.blobPath(layer.digest());
            if (!Files.isRegularFile(blob)) {
                throw new DatasetException(blob + ": layer blob missing");
            }
            long size = Files.size(blob);
            if (size != layer.size()) {
                throw new DatasetException(blob + ": " + size + " bytes, recorded " + layer.size());
            }
            Digest actual = Digest.of(blob);
            if (!actual.equals(layer.digest())) {
                throw new DatasetException(blob + ": content hashes to " + actual + ", not its name");
            }
        }
        if (built.recorded().kind() == DatasetKind.synthetic) {
            DatasetManifest pinned = catalog().find(built.name()).orElse(null);
            if (pinned != null
                    && sameRecipe(pinned, built.recorded())
                    && pinned.pinned()
                    && !sameLayers(pinned, built.recorded())) {
                throw new DatasetException(built.root() + ": "
                        + differences(pinned, built.recorded()).getFirst());
            }
        }
    }

    /** How {@code built}'s layers differ from {@code pinned}'s, one line each; empty when they agree or nothing is pinned. */
    static List<String> differences(DatasetManifest pinned, DatasetManifest built) {
        List<String> out = new ArrayList<>();
        if (!pinned.pinned()) {
            return out;
        }
        for (ImageRecord want : pinned.images()) {
            ImageRecord got = built.images().stream()
                    .filter(i -> i.name().equals(want.name()))
                    .findFirst()
                    .orElse(null);
            if (got == null) {
                out.add("image " + want.name() + " was not built");
                continue;
            }
            if (got.layers().size() != want.layers().size()) {
                out.add("image " + want.name() + " has " + got.layers().size() + " layers, pinned "
                        + want.layers().size());
                continue;
            }
            for (int i = 0; i < want.layers().size(); i++) {
                LayerRecord w = want.layers().get(i);
                LayerRecord g = got.layers().get(i);
                if (!w.sameBytes(g)) {
                    out.add(
                            g.diffId().equals(w.diffId())
                                    ? "image " + want.name() + " layer " + i + " blob " + shortHex(g.digest())
                                            + ", pinned " + shortHex(w.digest())
                                            + " (same diff_id: compressed differently)"
                                    : "image " + want.name() + " layer " + i + " diff_id " + shortHex(g.diffId())
                                            + ", pinned " + shortHex(w.diffId()));
                }
            }
        }
        for (ImageRecord got : built.images()) {
            if (pinned.images().stream().noneMatch(i -> i.name().equals(got.name()))) {
                out.add("image " + got.name() + " is not pinned");
            }
        }
        return out;
    }

    /** The first 12 hex digits, as {@code docker images} shows an id. */
    private static String shortHex(Digest d) {
        return d.hex().substring(0, 12);
    }

    private static boolean sameRecipe(DatasetManifest a, DatasetManifest b) {
        return a.name().equals(b.name())
                && a.kind() == b.kind()
                && Objects.equals(a.parameters(), b.parameters())
                && Objects.equals(a.recipe(), b.recipe());
    }

    private static boolean sameLayers(DatasetManifest a, DatasetManifest b) {
        return differences(a, b).isEmpty();
    }

    /** Puts a complete staging directory where {@code target} is, moving an older build aside and deleting it. */
    private static void replace(Path staging, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(old);
            move(target, old);
        }
        move(staging, target);
        if (old != null) {
            Trees.delete(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new DatasetException(to + ": cannot rename " + from + " into place atomically");
        }
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
