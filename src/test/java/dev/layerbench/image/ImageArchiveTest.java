package dev.layerbench.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.digest.Digest;
import dev.layerbench.digest.DigestMismatchException;
import dev.layerbench.layer.LayerException;
import dev.layerbench.layer.LayerStream;
import dev.layerbench.store.BlobStore;
import dev.layerbench.store.Descriptor;
import dev.layerbench.testing.OciLayouts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageArchiveTest {

    @TempDir
    Path dir;

    private OciLayouts.Written twoLayers(Path root, Compression c) throws IOException {
        return OciLayouts.write(
                root,
                "v1",
                List.of(
                        OciLayouts.tar(Map.of("etc/a", "alpha", "etc/b", "beta")),
                        OciLayouts.tar(Map.of("etc/.wh.b", "", "usr/c", "gamma"))),
                c);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void image_readsLayoutDirectoryWithEveryCompression(Compression c) throws IOException {
        Path root = dir.resolve("layout");
        OciLayouts.Written w = twoLayers(root, c);
        try (ImageArchive archive = ImageArchive.open(root)) {
            assertEquals(ImageFormat.OCI_LAYOUT, archive.format());
            Image image = archive.image(null);
            assertEquals("v1", image.ref());
            assertEquals(w.manifest().digest(), image.manifest().orElseThrow().digest());
            assertEquals(w.config().digest(), image.config().digest());
            assertEquals(2, image.layers().size());
            for (int i = 0; i < 2; i++) {
                Layer l = image.layers().get(i);
                assertEquals(w.layers().get(i).digest(), l.digest());
                assertEquals(w.layers().get(i).size(), l.size());
                assertEquals(w.diffIds().get(i), l.diffId());
                assertEquals(c, l.compression());
                try (LayerStream in = archive.openUncompressed(l)) {
                    assertTrue(in.verifyToEnd() > 0);
                }
            }
        }
    }

    @Test
    void image_readsOciArchiveTar() throws IOException {
        Path root = dir.resolve("layout");
        OciLayouts.Written w = twoLayers(root, Compression.GZIP);
        Path tar = dir.resolve("image.tar");
        tarDirectory(root, tar);
        try (ImageArchive archive = ImageArchive.open(tar)) {
            assertEquals(ImageFormat.OCI_ARCHIVE, archive.format());
            Image image = archive.image("v1");
            assertEquals(w.manifest().digest(), image.manifest().orElseThrow().digest());
            try (LayerStream in = archive.openUncompressed(image.layers().get(1))) {
                in.verifyToEnd();
            }
        }
    }

    @Test
    void image_severalImagesNeedARef() throws IOException {
        Path root = dir.resolve("layout");
        twoLayers(root, Compression.NONE);
        OciLayouts.write(root, "v2", List.of(OciLayouts.tar(Map.of("x", "y"))), Compression.NONE);
        try (ImageArchive archive = ImageArchive.open(root)) {
            assertEquals(List.of("v1", "v2"), archive.refs());
            ImageException e = assertThrows(ImageException.class, () -> archive.image(null));
            assertTrue(
                    e.getMessage().contains("pick one with --ref")
                            && e.getMessage().contains("v1, v2"),
                    e.getMessage());
            assertEquals(1, archive.image("v2").layers().size());
            ImageException missing = assertThrows(ImageException.class, () -> archive.image("v3"));
            assertTrue(missing.getMessage().contains("no image tagged \"v3\""), missing.getMessage());
            assertTrue(missing.getMessage().contains("index.json"), missing.getMessage());
        }
    }

    @Test
    void open_missingPathAndNonImage() throws IOException {
        ImageException e = assertThrows(ImageException.class, () -> ImageArchive.open(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        Path text = dir.resolve("text.tar");
        Files.writeString(text, "this is not a tar archive at all, just text. ".repeat(40));
        ImageException notTar = assertThrows(ImageException.class, () -> ImageArchive.open(text));
        assertTrue(notTar.getMessage().startsWith(text.toString()), notTar.getMessage());
        Files.createDirectories(dir.resolve("empty"));
        ImageException notImage = assertThrows(ImageException.class, () -> ImageArchive.open(dir.resolve("empty")));
        assertTrue(notImage.getMessage().contains("not an image"), notImage.getMessage());
    }

    @Test
    void manifest_writtenWithoutJackson_sameBytesAsJackson() throws IOException {
        Descriptor config = new Descriptor(MediaTypes.OCI_CONFIG, dev.layerbench.digest.Digest.of(new byte[1]), 7);
        Descriptor layer =
                new Descriptor(MediaTypes.ociLayer(Compression.GZIP), dev.layerbench.digest.Digest.of(new byte[2]), 9);
        for (Manifest m : List.of(Manifest.oci(config, List.of()), Manifest.oci(config, List.of(layer, layer)))) {
            assertEquals(
                    new String(dev.layerbench.json.Json.MAPPER.writeValueAsBytes(m), StandardCharsets.UTF_8),
                    new String(
                            dev.layerbench.store.OciJson.writeManifest(
                                    m.schemaVersion(), m.mediaType(), m.config(), m.layers(), m.annotations()),
                            StandardCharsets.UTF_8));
        }
    }

    @Test
    void image_garbledIndexNamesTheFile() throws IOException {
        Path root = dir.resolve("layout");
        twoLayers(root, Compression.GZIP);
        Files.writeString(root.resolve("index.json"), "{\"schemaVersion\": 2, \"manifests\": [ {\"mediaType\": 5 ");
        try (ImageArchive archive = ImageArchive.open(root)) {
            ImageException e = assertThrows(ImageException.class, () -> archive.image(null));
            assertTrue(e.getMessage().startsWith(root.resolve("index.json").toString()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void image_garbledManifestOrConfigNamesTheBlob() throws IOException {
        Path root = dir.resolve("layout");
        OciLayouts.Written w = twoLayers(root, Compression.GZIP);
        BlobStore store = BlobStore.open(root);
        // a manifest without layers, stored under its real digest
        Descriptor bad = store.put(
                        ("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                                        + w.config().digest() + "\",\"size\":"
                                        + w.config().size() + "}}")
                                .getBytes(StandardCharsets.UTF_8))
                .withMediaType(MediaTypes.OCI_MANIFEST);
        store.tag("bad", bad);
        Descriptor badConfig = store.put("{\"rootfs\":{\"type\":\"layers\"}}".getBytes(StandardCharsets.UTF_8))
                .withMediaType(MediaTypes.OCI_CONFIG);
        Descriptor m2 = store.put(dev.layerbench.json.Json.MAPPER.writeValueAsBytes(Manifest.oci(badConfig, List.of())))
                .withMediaType(MediaTypes.OCI_MANIFEST);
        store.tag("badconfig", m2);
        try (ImageArchive archive = ImageArchive.open(root)) {
            ImageException e = assertThrows(ImageException.class, () -> archive.image("bad"));
            assertTrue(
                    e.getMessage().contains(bad.digest().hex())
                            && e.getMessage().contains("no layers"),
                    e.getMessage());
            ImageException c = assertThrows(ImageException.class, () -> archive.image("badconfig"));
            assertTrue(
                    c.getMessage().contains(badConfig.digest().hex())
                            && c.getMessage().contains("diff_ids"),
                    c.getMessage());
        }
    }

    @Test
    void image_missingLayerBlobNamesIt() throws IOException {
        Path root = dir.resolve("layout");
        OciLayouts.Written w = twoLayers(root, Compression.GZIP);
        Files.delete(root.resolve("blobs/sha256/" + w.layers().get(1).digest().hex()));
        try (ImageArchive archive = ImageArchive.open(root)) {
            ImageException e = assertThrows(ImageException.class, () -> archive.image(null));
            assertTrue(
                    e.getMessage().contains(w.layers().get(1).digest().hex())
                            && e.getMessage().contains("missing"),
                    e.getMessage());
        }
    }

    @Test
    void openUncompressed_tamperedLayerFailsWithBothDigests() throws IOException {
        Path root = dir.resolve("layout");
        OciLayouts.Written w = twoLayers(root, Compression.NONE);
        Path blob = root.resolve("blobs/sha256/" + w.layers().get(0).digest().hex());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[600] ^= 0x20; // inside the first file's content
        Files.write(blob, bytes);
        try (ImageArchive archive = ImageArchive.open(root)) {
            Image image = archive.image(null);
            LayerStream in = archive.openUncompressed(image.layers().get(0));
            DigestMismatchException e = assertThrows(DigestMismatchException.class, in::verifyToEnd);
            assertTrue(e.getMessage().contains(w.layers().get(0).digest().toString()), e.getMessage());
        }
    }

    @Test
    void openUncompressed_wrongDiffIdFails() throws IOException {
        Path root = dir.resolve("layout");
        BlobStore store = BlobStore.open(root);
        byte[] tar = OciLayouts.tar(Map.of("a", "b"));
        Descriptor layer =
                store.put(OciLayouts.compress(tar, Compression.ZSTD)).withMediaType(MediaTypes.OCI_LAYER_ZSTD);
        Digest wrongDiffId = Digest.of(new byte[] {1, 2, 3});
        tagImage(store, layer, wrongDiffId);
        try (ImageArchive archive = ImageArchive.open(root)) {
            LayerStream in =
                    archive.openUncompressed(archive.image("x").layers().get(0));
            DigestMismatchException e = assertThrows(DigestMismatchException.class, in::verifyToEnd);
            assertTrue(
                    e.getMessage().contains("diff_id") && e.getMessage().contains(wrongDiffId.toString()),
                    e.getMessage());
        }
    }

    @Test
    void openUncompressed_mediaTypeDisagreeingWithMagicFails() throws IOException {
        Path root = dir.resolve("layout");
        BlobStore store = BlobStore.open(root);
        byte[] tar = OciLayouts.tar(Map.of("a", "b"));
        Descriptor layer =
                store.put(OciLayouts.compress(tar, Compression.ZSTD)).withMediaType(MediaTypes.OCI_LAYER_GZIP);
        tagImage(store, layer, Digest.of(tar));
        try (ImageArchive archive = ImageArchive.open(root)) {
            LayerException e = assertThrows(
                    LayerException.class,
                    () -> archive.openUncompressed(archive.image("x").layers().get(0)));
            assertTrue(e.getMessage().contains("says gzip but the content is zstd"), e.getMessage());
        }
    }

    @Test
    void openUncompressed_truncatedGzipIsOneLine() throws IOException {
        Path root = dir.resolve("layout");
        BlobStore store = BlobStore.open(root);
        byte[] tar = OciLayouts.tar(Map.of("a", "b".repeat(100_000)));
        byte[] gz = OciLayouts.compress(tar, Compression.GZIP);
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
        Descriptor layer = store.put(cut).withMediaType(MediaTypes.OCI_LAYER_GZIP);
        tagImage(store, layer, Digest.of(tar));
        try (ImageArchive archive = ImageArchive.open(root)) {
            LayerStream in =
                    archive.openUncompressed(archive.image("x").layers().get(0));
            LayerException e = assertThrows(LayerException.class, in::verifyToEnd);
            assertTrue(e.getMessage().contains("corrupt gzip stream"), e.getMessage());
        }
    }

    @Test
    void image_unknownLayerMediaTypeNamesIt() throws IOException {
        Path root = dir.resolve("layout");
        BlobStore store = BlobStore.open(root);
        byte[] tar = OciLayouts.tar(Map.of("a", "b"));
        Descriptor layer = store.put(tar).withMediaType("application/x-squashfs");
        tagImage(store, layer, Digest.of(tar));
        try (ImageArchive archive = ImageArchive.open(root)) {
            ImageException e = assertThrows(ImageException.class, () -> archive.image("x"));
            assertTrue(e.getMessage().contains("unknown media type application/x-squashfs"), e.getMessage());
        }
    }

    @Test
    void importImage_copiesEachBlobOnceAndTags() throws IOException {
        Path root = dir.resolve("layout");
        OciLayouts.Written w = twoLayers(root, Compression.GZIP);
        Path storeDir = dir.resolve("store");
        BlobStore store = BlobStore.open(storeDir);
        try (ImageArchive archive = ImageArchive.open(root)) {
            Image image = archive.image(null);
            Descriptor m = ImageImporter.importImage(archive, image, store, "imported");
            assertEquals(w.manifest().digest(), m.digest());
            Path layerBlob = store.blobPath(w.layers().get(0).digest());
            Object inode = Files.readAttributes(layerBlob, java.nio.file.attribute.BasicFileAttributes.class)
                    .fileKey();
            ImageImporter.importImage(archive, image, store, "again");
            assertEquals(
                    inode,
                    Files.readAttributes(layerBlob, java.nio.file.attribute.BasicFileAttributes.class)
                            .fileKey());
        }
        assertEquals(4, store.blobs().size());
        assertEquals(List.of("imported", "again"), store.tags());
        try (ImageArchive fromStore = ImageArchive.open(storeDir)) {
            assertEquals(w.diffIds(), fromStore.image("again").configDocument().diffIds());
        }
    }

    @Test
    void importImage_corruptLayerStoresNothingUnderItsName() throws IOException {
        Path root = dir.resolve("layout");
        OciLayouts.Written w = twoLayers(root, Compression.GZIP);
        Path blob = root.resolve("blobs/sha256/" + w.layers().get(1).digest().hex());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length - 3] ^= 1;
        Files.write(blob, bytes);
        BlobStore store = BlobStore.open(dir.resolve("store"));
        try (ImageArchive archive = ImageArchive.open(root)) {
            Image image = archive.image(null);
            assertThrows(DigestMismatchException.class, () -> ImageImporter.importImage(archive, image, store, "x"));
        }
        assertFalse(store.exists(w.layers().get(1).digest()));
        assertEquals(List.of(), store.tags());
    }

    /** Stores a config with one diff_id and a manifest of one layer, tagged "x". */
    private static void tagImage(BlobStore store, Descriptor layer, Digest diffId) throws IOException {
        Descriptor config = store.put(("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}")
                        .getBytes(StandardCharsets.UTF_8))
                .withMediaType(MediaTypes.OCI_CONFIG);
        Descriptor m = store.put(
                        dev.layerbench.json.Json.MAPPER.writeValueAsBytes(Manifest.oci(config, List.of(layer))))
                .withMediaType(MediaTypes.OCI_MANIFEST);
        store.tag("x", m);
    }

    /** Tars a directory the way skopeo writes an oci-archive (relative names, directories first). */
    static void tarDirectory(Path root, Path tarFile) throws IOException {
        try (OutputStream out = Files.newOutputStream(tarFile);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
                var walk = Files.walk(root)) {
            for (Path p : walk.sorted().toList()) {
                if (p.equals(root)
                        || p.getFileName().toString().startsWith(".")
                        || root.relativize(p).toString().startsWith(".")) {
                    continue;
                }
                TarArchiveEntry e =
                        new TarArchiveEntry(p.toFile(), root.relativize(p).toString());
                tar.putArchiveEntry(e);
                if (Files.isRegularFile(p)) {
                    Files.copy(p, tar);
                }
                tar.closeArchiveEntry();
            }
        }
    }
}
