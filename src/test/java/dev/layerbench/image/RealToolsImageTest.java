package dev.layerbench.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.digest.Digest;
import dev.layerbench.json.Json;
import dev.layerbench.layer.LayerStream;
import dev.layerbench.store.BlobStore;
import dev.layerbench.testing.Commands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads images made by real tools: umoci builds a two-layer OCI image from files this test writes (the second layer
 * deletes a file, so a whiteout appears), skopeo converts it to docker-archive and oci-archive, and every form must
 * show the digests, diff_ids and sizes that umoci and skopeo report.
 */
class RealToolsImageTest {

    @TempDir
    static Path dir;

    static Path layout;
    static Path dockerArchive;
    static Path ociArchive;

    @BeforeAll
    static void buildWithUmociAndSkopeo() throws IOException {
        assumeTrue(
                Commands.available("umoci") && Commands.available("skopeo"),
                "needs umoci and skopeo on the PATH: apt-get install umoci skopeo");
        layout = dir.resolve("layout");
        Commands.run(dir, "umoci", "init", "--layout", layout.toString());
        Commands.run(dir, "umoci", "new", "--image", layout + ":v1");
        Path bundle = dir.resolve("bundle");
        Commands.run(dir, "umoci", "unpack", "--rootless", "--image", layout + ":v1", bundle.toString());
        Path rootfs = bundle.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createDirectories(rootfs.resolve("data/sub"));
        Files.writeString(rootfs.resolve("etc/hello"), "hello\n");
        Files.writeString(rootfs.resolve("data/gone"), "soon deleted\n");
        Files.writeString(rootfs.resolve("data/sub/kept"), "x".repeat(100_000));
        Files.createSymbolicLink(rootfs.resolve("etc/link"), Path.of("hello"));
        Commands.run(dir, "umoci", "repack", "--image", layout + ":v1", bundle.toString());
        Commands.run(dir, "rm", "-rf", bundle.toString());
        Commands.run(dir, "umoci", "unpack", "--rootless", "--image", layout + ":v1", bundle.toString());
        Files.delete(rootfs.resolve("data/gone"));
        Files.writeString(rootfs.resolve("etc/more"), "more\n");
        Commands.run(dir, "umoci", "repack", "--image", layout + ":v1", bundle.toString());
        dockerArchive = dir.resolve("docker.tar");
        ociArchive = dir.resolve("oci.tar");
        Commands.run(
                dir, "skopeo", "copy", "oci:" + layout + ":v1", "docker-archive:" + dockerArchive + ":example/app:v1");
        Commands.run(dir, "skopeo", "copy", "oci:" + layout + ":v1", "oci-archive:" + ociArchive + ":v1");
    }

    private static JsonNode json(String text) throws IOException {
        return Json.MAPPER.readTree(text);
    }

    private static List<String> diffIds(JsonNode config) {
        List<String> ids = new ArrayList<>();
        config.path("rootfs").path("diff_ids").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    @Test
    void image_ociLayoutMatchesUmociAndSkopeo() throws IOException {
        String raw = Commands.run(dir, "skopeo", "inspect", "--raw", "oci:" + layout + ":v1");
        JsonNode manifest = json(raw);
        JsonNode stat = json(Commands.run(dir, "umoci", "stat", "--image", layout + ":v1", "--json"));
        try (ImageArchive archive = ImageArchive.open(layout)) {
            Image image = archive.image("v1");
            assertEquals(
                    Digest.of(raw.getBytes(StandardCharsets.UTF_8)),
                    image.manifest().orElseThrow().digest());
            assertEquals(
                    manifest.path("config").path("digest").asText(),
                    image.config().digest().toString());
            assertEquals(2, image.layers().size());
            for (int i = 0; i < 2; i++) {
                Layer l = image.layers().get(i);
                JsonNode expected = manifest.path("layers").get(i);
                assertEquals(expected.path("digest").asText(), l.digest().toString());
                assertEquals(expected.path("size").asLong(), l.size());
                assertEquals(expected.path("mediaType").asText(), l.mediaType());
                JsonNode history = stat.path("history").get(i);
                assertEquals(
                        history.path("layer").path("digest").asText(),
                        l.digest().toString(),
                        "umoci stat digest");
                assertEquals(history.path("diff_id").asText(), l.diffId().toString(), "umoci stat diff_id");
            }
        }
    }

    @Test
    void image_ociArchiveMatchesSkopeo() throws IOException {
        JsonNode manifest = json(Commands.run(dir, "skopeo", "inspect", "--raw", "oci-archive:" + ociArchive + ":v1"));
        JsonNode config =
                json(Commands.run(dir, "skopeo", "inspect", "--config", "--raw", "oci-archive:" + ociArchive + ":v1"));
        try (ImageArchive archive = ImageArchive.open(ociArchive)) {
            assertEquals(ImageFormat.OCI_ARCHIVE, archive.format());
            Image image = archive.image(null);
            assertEquals(
                    diffIds(config),
                    image.layers().stream().map(l -> l.diffId().toString()).toList());
            for (int i = 0; i < 2; i++) {
                assertEquals(
                        manifest.path("layers").get(i).path("digest").asText(),
                        image.layers().get(i).digest().toString());
                assertEquals(
                        manifest.path("layers").get(i).path("size").asLong(),
                        image.layers().get(i).size());
                try (LayerStream in = archive.openUncompressed(image.layers().get(i))) {
                    in.verifyToEnd();
                }
            }
        }
    }

    @Test
    void image_dockerArchiveMatchesSkopeo() throws IOException {
        JsonNode manifest = json(Commands.run(dir, "skopeo", "inspect", "--raw", "docker-archive:" + dockerArchive));
        JsonNode config =
                json(Commands.run(dir, "skopeo", "inspect", "--config", "--raw", "docker-archive:" + dockerArchive));
        try (ImageArchive archive = ImageArchive.open(dockerArchive)) {
            assertEquals(ImageFormat.DOCKER_ARCHIVE, archive.format());
            assertEquals(List.of("docker.io/example/app:v1"), archive.refs());
            Image image = archive.image("docker.io/example/app:v1");
            assertEquals(
                    manifest.path("config").path("digest").asText(),
                    image.config().digest().toString());
            assertEquals(
                    diffIds(config),
                    image.layers().stream().map(l -> l.diffId().toString()).toList());
            for (int i = 0; i < 2; i++) {
                Layer l = image.layers().get(i);
                assertEquals(
                        manifest.path("layers").get(i).path("digest").asText(),
                        l.digest().toString());
                assertEquals(manifest.path("layers").get(i).path("size").asLong(), l.size());
                try (LayerStream in = archive.openUncompressed(l)) {
                    assertEquals(l.size(), in.verifyToEnd(), "docker save layers are plain tars");
                }
            }
        }
    }

    @Test
    void image_allThreeFormsAgreeAndTheSecondLayerHasAWhiteout() throws IOException {
        List<List<Digest>> diffIds = new ArrayList<>();
        for (Path source : List.of(layout, ociArchive, dockerArchive)) {
            try (ImageArchive archive = ImageArchive.open(source)) {
                Image image = archive.image(null);
                diffIds.add(image.layers().stream().map(Layer::diffId).toList());
                Set<String> names = new HashSet<>();
                try (InputStream in = archive.openUncompressed(image.layers().get(1));
                        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                    for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                        names.add(e.getName().replaceFirst("^\\./", ""));
                    }
                }
                assertTrue(names.contains("data/.wh.gone"), source + ": " + names);
            }
        }
        assertEquals(diffIds.get(0), diffIds.get(1));
        assertEquals(diffIds.get(0), diffIds.get(2));
    }

    @Test
    void importImage_allFormsShareWhatIsTheSame() throws IOException {
        BlobStore store = BlobStore.open(dir.resolve("store-" + System.nanoTime()));
        for (Path source : List.of(layout, ociArchive, dockerArchive)) {
            try (ImageArchive archive = ImageArchive.open(source)) {
                ImageImporter.importImage(
                        archive,
                        archive.image(null),
                        store,
                        source.getFileName().toString());
            }
        }
        // OCI forms: 2 gzip layers + config + manifest, shared; docker form: 2 plain layers + its manifest (same
        // config)
        assertEquals(7, store.blobs().size());
        for (Digest d : store.blobs()) {
            assertEquals(d, Digest.of(store.blobPath(d)));
        }
        String fsck = Commands.run(dir, "umoci", "ls", "--layout", store.root().toString());
        assertTrue(fsck.contains("layout") && fsck.contains("docker.tar"), fsck);
        Commands.run(dir, "skopeo", "inspect", "--raw", "oci:" + store.root() + ":docker.tar");
    }
}
