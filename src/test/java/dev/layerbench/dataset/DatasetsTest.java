package dev.layerbench.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.digest.Digest;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.layer.LayerStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path dir;

    private static List<Digest> layerDigests(DatasetManifest m) {
        return m.images().stream()
                .flatMap(i -> i.layers().stream())
                .map(LayerRecord::digest)
                .toList();
    }

    @Test
    void catalog_holdsThreeSyntheticPinnedAndTwoReal() throws IOException {
        DatasetCatalog catalog = Datasets.catalog();
        List<DatasetManifest> synthetic = catalog.all().stream()
                .filter(m -> m.kind() == DatasetKind.synthetic)
                .toList();
        assertTrue(synthetic.size() >= 3, synthetic.toString());
        assertTrue(
                catalog.all().stream().filter(m -> m.kind() == DatasetKind.real).count() >= 2);
        for (DatasetManifest m : synthetic) {
            assertTrue(m.pinned(), m.name() + " has no pinned layers");
            assertEquals(m.parameters().images(), m.images().size(), m.name());
        }
        assertTrue(catalog.find(Datasets.DEFAULT).isPresent());
        assertTrue(catalog.find(Datasets.SMALL).isPresent());
    }

    @Test
    void catalog_packagedCopiesEqualTheRepositoryFiles() throws IOException {
        Path repo = Path.of("datasets");
        if (Files.isDirectory(repo)) {
            assertEquals(DatasetCatalog.of(repo).all(), Datasets.catalog().all());
        }
    }

    @Test
    void build_smallTwice_byteIdenticalAndEqualToManifest() throws IOException {
        DatasetManifest pinned = Datasets.catalog().get(Datasets.SMALL);
        BuiltDataset a = Datasets.build(pinned, dir.resolve("a"), BuildOptions.quiet());
        BuiltDataset b = Datasets.build(pinned, dir.resolve("b"), BuildOptions.quiet());
        assertEquals(layerDigests(pinned), layerDigests(a.recorded()));
        assertEquals(layerDigests(pinned), layerDigests(b.recorded()));
        assertEquals(pinned.images(), a.recorded().images());
        for (Digest d : layerDigests(pinned)) {
            assertEquals(Digest.of(a.store().blobPath(d)), Digest.of(b.store().blobPath(d)));
        }
        assertEquals(
                Files.readString(a.root().resolve("index.json")),
                Files.readString(b.root().resolve("index.json")));
        Datasets.verify(a);
    }

    @Test
    void build_defaultAndDeep_equalTheirManifests() throws IOException {
        for (String name : List.of(Datasets.DEFAULT, "synthetic-deep")) {
            DatasetManifest pinned = Datasets.catalog().get(name);
            BuiltDataset built = Datasets.build(pinned, dir.resolve(name), BuildOptions.quiet());
            assertEquals(pinned.images(), built.recorded().images(), name);
        }
    }

    @Test
    void build_layersAreReadableImagesWithMatchingDiffIds() throws IOException {
        BuiltDataset built = Datasets.build(Datasets.SMALL, dir.resolve("s"), BuildOptions.quiet());
        try (ImageArchive archive = ImageArchive.open(built.root())) {
            assertEquals(built.tags(), archive.refs());
            for (ImageRecord record : built.recorded().images()) {
                Image image = archive.image(record.name());
                assertEquals(record.layers().size(), image.layers().size());
                for (Layer layer : image.layers()) {
                    try (LayerStream in = archive.openUncompressed(layer)) {
                        assertEquals(record.layers().get(layer.index()).uncompressedSize(), in.verifyToEnd());
                    }
                    assertEquals(record.layers().get(layer.index()).diffId(), layer.diffId());
                }
            }
        }
    }

    @Test
    void build_again_reusesCompleteBuild() throws IOException {
        Path target = dir.resolve("s");
        assertFalse(Datasets.build(Datasets.SMALL, target, BuildOptions.quiet()).reused());
        assertTrue(Datasets.build(Datasets.SMALL, target, BuildOptions.quiet()).reused());
        assertFalse(Datasets.build(Datasets.SMALL, target, BuildOptions.quiet().rebuilding())
                .reused());
    }

    /**
     * A child process: {@code DatasetsTest$Builder TARGET GO} says "ready", waits for the file GO, builds the small
     * dataset into TARGET and prints "built" or "reused".
     */
    public static final class Builder {
        public static void main(String[] args) throws Exception {
            System.out.println("ready");
            System.out.flush();
            while (!Files.exists(Path.of(args[1]))) {
                Thread.sleep(5);
            }
            BuiltDataset b = Datasets.build(Datasets.SMALL, Path.of(args[0]), BuildOptions.quiet());
            System.out.println(b.reused() ? "reused" : "built");
        }
    }

    @Test
    void build_twoProcessesAtOnce_oneBuildsTheOtherWaitsAndReuses() throws Exception {
        Path target = dir.resolve("cache").resolve(Datasets.SMALL);
        Path go = dir.resolve("go");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new java.util.ArrayList<>();
        List<java.io.BufferedReader> outs = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Process p = new ProcessBuilder(
                                javaBin,
                                "--enable-native-access=ALL-UNNAMED",
                                "-cp",
                                System.getProperty("java.class.path"),
                                Builder.class.getName(),
                                target.toString(),
                                go.toString())
                        .redirectErrorStream(true)
                        .start();
                children.add(p);
                outs.add(new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())));
            }
            for (java.io.BufferedReader out : outs) {
                assertEquals("ready", out.readLine());
            }
            Files.createFile(go); // both start building at the same moment
            List<String> said = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String line = outs.get(i).readLine();
                while (line != null && !line.equals("built") && !line.equals("reused")) {
                    line = outs.get(i).readLine(); // a JVM warning, or a failure's stack trace (then null)
                }
                said.add(line);
                assertTrue(children.get(i).waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
                assertEquals(0, children.get(i).exitValue(), said.toString());
            }
            // without the lock both would find no build and build one each, the second moving the first's aside
            assertEquals(List.of("built", "reused"), said.stream().sorted().toList());
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        Datasets.verify(Datasets.build(Datasets.SMALL, target, BuildOptions.quiet()));
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(
                    List.of("." + Datasets.SMALL + ".lock", Datasets.SMALL),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void build_leftoversOfAKilledBuild_sweptByTheNext() throws IOException {
        Path target = dir.resolve("s");
        Path partial = Files.createDirectories(dir.resolve(".s.partial-123/blobs"));
        Path temp = Files.createDirectories(dir.resolve(".s.tmp-456"));
        Path other = Files.createDirectories(dir.resolve(".sx.partial-1")); // another target's: not ours to touch
        assertFalse(Datasets.build(Datasets.SMALL, target, BuildOptions.quiet()).reused());
        assertFalse(Files.exists(partial.getParent()));
        assertFalse(Files.exists(temp));
        assertTrue(Files.exists(other));
    }

    @Test
    void build_intoForeignDirectory_refusesAndLeavesItAlone() throws IOException {
        Path target = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(target.resolve("notes.txt"), "keep me");
        DatasetException e = assertThrows(
                DatasetException.class, () -> Datasets.build(Datasets.SMALL, target, BuildOptions.quiet()));
        assertTrue(e.getMessage().contains("holds no dataset build"), e.getMessage());
        assertEquals("keep me", Files.readString(target.resolve("notes.txt")));
    }

    @Test
    void build_pinnedDigestsWrong_failsWithoutTarget() throws IOException {
        DatasetManifest pinned = Datasets.catalog().get(Datasets.SMALL);
        ImageRecord first = pinned.images().getFirst();
        LayerRecord l = first.layers().getFirst();
        LayerRecord wrong = new LayerRecord(
                l.diffId(),
                Digest.of(new byte[] {1}),
                l.mediaType(),
                l.size(),
                l.uncompressedSize(),
                l.files(),
                l.whiteouts(),
                l.entries());
        List<LayerRecord> layers = new java.util.ArrayList<>(first.layers());
        layers.set(0, wrong);
        List<ImageRecord> images = new java.util.ArrayList<>(pinned.images());
        images.set(0, new ImageRecord(first.name(), first.manifest(), layers));
        Path target = dir.resolve("t");
        DatasetException e = assertThrows(
                DatasetException.class, () -> Datasets.build(pinned.withImages(images), target, BuildOptions.quiet()));
        assertTrue(
                e.getMessage().contains("differs from its manifest")
                        && e.getMessage().contains("layer 0"),
                e.getMessage());
        assertFalse(Files.exists(target));
        try (Stream<Path> s = Files.list(dir)) {
            // only the builders' (empty) lock file of the target: no staging, no half-built target
            assertEquals(
                    List.of(".t.lock"), s.map(p -> p.getFileName().toString()).toList(), "staging left behind");
        }
    }

    @Test
    void warning_layersDifferingFromThePins_oneLineWithCountFirstAndWhatToDo() throws IOException {
        DatasetManifest pinned = Datasets.catalog().get(Datasets.SMALL);
        ImageRecord first = pinned.images().getFirst();
        LayerRecord l0 = first.layers().get(0);
        LayerRecord l1 = first.layers().get(1);
        Digest moved = Digest.of(new byte[] {7});
        LayerRecord newContent = new LayerRecord(
                moved,
                Digest.of(new byte[] {8}),
                l0.mediaType(),
                l0.size(),
                l0.uncompressedSize(),
                l0.files(),
                l0.whiteouts(),
                l0.entries());
        LayerRecord recompressed = new LayerRecord(
                l1.diffId(),
                Digest.of(new byte[] {9}),
                l1.mediaType(),
                l1.size(),
                l1.uncompressedSize(),
                l1.files(),
                l1.whiteouts(),
                l1.entries());
        List<LayerRecord> layers = new java.util.ArrayList<>(first.layers());
        layers.set(0, newContent);
        layers.set(1, recompressed);
        List<ImageRecord> images = new java.util.ArrayList<>(pinned.images());
        images.set(0, new ImageRecord(first.name(), first.manifest(), layers));
        List<String> differences = new java.util.ArrayList<>(Datasets.differences(pinned, pinned.withImages(images)));
        assertEquals(2, differences.size(), differences.toString());
        differences.add(BuiltDataset.SINCE_PREVIOUS + "image x layer 0 diff_id 000000000000, pinned 111111111111");
        String w = new BuiltDataset(pinned.withImages(images), dir, false, differences)
                .warning()
                .orElseThrow();
        assertFalse(w.contains("\n"), w);
        assertTrue(w.startsWith("synthetic-small: 2 layers differ from the pins in datasets/synthetic-small.json"), w);
        assertTrue(
                w.contains("diff_id " + moved.hex().substring(0, 12) + ", pinned "
                        + l0.diffId().hex().substring(0, 12)),
                w);
        assertTrue(w.contains("and 1 from the previous build") && w.contains("--pin datasets/synthetic-small.json"), w);
        assertFalse(w.contains(moved.hex()), "short digests only: " + w);
        assertTrue(
                Datasets.differences(pinned, pinned.withImages(images)).get(1).contains("same diff_id"));
        assertTrue(new BuiltDataset(pinned, dir, true, List.of()).warning().isEmpty());
    }

    @Test
    void verify_corruptedBlob_isNamed() throws IOException {
        BuiltDataset built = Datasets.build(Datasets.SMALL, dir.resolve("s"), BuildOptions.quiet());
        Path blob = built.store()
                .blobPath(
                        built.recorded().images().getFirst().layers().getLast().digest());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);
        DatasetException e = assertThrows(DatasetException.class, () -> Datasets.verify(built));
        assertTrue(e.getMessage().contains(blob.toString()), e.getMessage());
    }

    @Test
    void prepare_buildsVerifiesAndReuses() throws IOException {
        BuiltDataset first = Datasets.prepare(Datasets.SMALL, dir.resolve("p"));
        BuiltDataset second = Datasets.prepare(Datasets.SMALL, dir.resolve("p"));
        assertFalse(first.reused());
        assertTrue(second.reused());
    }

    @Test
    void temporaryDataset_isDeletedOnClose() throws IOException {
        Path root;
        try (TemporaryDataset t = TemporaryDataset.create(Datasets.catalog().get(Datasets.SMALL), dir)) {
            root = t.root();
            assertTrue(Files.isRegularFile(root.resolve(Datasets.RECORD_FILE)));
        }
        assertFalse(Files.exists(root));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void manifest_jsonRoundTrips() throws IOException {
        DatasetManifest m = Datasets.catalog().get(Datasets.SMALL);
        assertEquals(m, DatasetManifest.read(new java.io.ByteArrayInputStream(m.toJson()), "test"));
    }

    @Test
    void read_misspeltOrMissingParameter_isNamed() throws IOException {
        String json =
                new String(Datasets.catalog().get(Datasets.SMALL).toJson(), java.nio.charset.StandardCharsets.UTF_8);
        String misspelt = json.replace("\"filesPerLayer\"", "\"filesPerLayr\"");
        DatasetException e = assertThrows(
                DatasetException.class,
                () -> DatasetManifest.read(
                        new java.io.ByteArrayInputStream(misspelt.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        "x.json"));
        assertTrue(e.getMessage().startsWith("x.json: unknown synthetic parameter \"filesPerLayr\""), e.getMessage());
        String missing = json.replaceAll("\\s*\"seed\" : 1,", "");
        e = assertThrows(
                DatasetException.class,
                () -> DatasetManifest.read(
                        new java.io.ByteArrayInputStream(missing.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        "y.json"));
        assertEquals("y.json: synthetic parameters missing: seed", e.getMessage());
    }

    @Test
    void read_invalidParameter_oneLine() {
        String json =
                "{\"name\":\"x\",\"description\":\"d\",\"kind\":\"synthetic\",\"parameters\":{\"seed\":1,\"images\":0,"
                        + "\"sharedLayers\":0,\"depth\":1,\"filesPerLayer\":1,\"medianFileSize\":1,\"fileSizeSigma\":0,\"maxFileSize\":1,"
                        + "\"dirFanout\":1,\"dirDepth\":0,\"rewriteShare\":0,\"deleteShare\":0,\"opaqueDirs\":0,\"duplicateShare\":0,"
                        + "\"compressibility\":0,\"compression\":\"NONE\"}}";
        DatasetException e = assertThrows(
                DatasetException.class,
                () -> DatasetManifest.read(
                        new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        "z.json"));
        assertTrue(
                e.getMessage().startsWith("z.json: not a dataset manifest: ")
                        && e.getMessage().contains("images must be 1..1000"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
