package dev.layerbench.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.cli.Main;
import dev.layerbench.codec.Compression;
import dev.layerbench.digest.Digest;
import dev.layerbench.digest.DigestMismatchException;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.image.Manifest;
import dev.layerbench.image.MediaTypes;
import dev.layerbench.json.Json;
import dev.layerbench.sizing.SummaryCache;
import dev.layerbench.store.BlobStore;
import dev.layerbench.store.Descriptor;
import dev.layerbench.unpack.LayerBlob;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.Unpacker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every consumer that reads a layer reads it through one pipeline ({@code layer.LayerStream}), so a blob that does not
 * match its digest, or a tar that does not match its diff_id, is rejected by each the same way: a
 * {@link DigestMismatchException} whose message is one line naming the layer (and "(diff_id)" for the tar), and for
 * the tools exit 1 with that line. Run over each codec and each consumer: reading an image's layer, flattening an
 * image, applying a layer blob file, summarizing a layer for sizing, and the {@code inspect} and {@code unpack} tools.
 */
class LayerReadingContractTest {

    @TempDir
    Path tmp;

    /** What is wrong with the layer. */
    enum Fault {
        /** A byte of the blob changed after it was stored under its digest. */
        DIGEST,
        /** The config names another diff_id. */
        DIFF_ID
    }

    /** One consumer of a layer: reads it and fails. */
    interface Consumer {
        void read(ImageArchive archive, Image image, Path blob, Path tmp) throws Exception;
    }

    static Map<String, Consumer> consumers() {
        return Map.of(
                "image openUncompressed",
                (archive, image, blob, tmp) -> {
                    try (var in = archive.openUncompressed(image.layers().getFirst())) {
                        in.verifyToEnd();
                    }
                },
                "unpack flatten",
                (archive, image, blob, tmp) ->
                        Unpacker.flatten(archive, image, tmp.resolve("rootfs"), UnpackOptions.flatten()),
                "unpack applyLayer(LayerBlob)",
                (archive, image, blob, tmp) -> {
                    Layer l = image.layers().getFirst();
                    LayerBlob b = new LayerBlob(blob, Optional.of(l.digest()), Optional.of(l.diffId()));
                    Unpacker.applyLayer(b, tmp.resolve("rootfs"), UnpackOptions.flatten());
                },
                "sizing SummaryCache",
                (archive, image, blob, tmp) -> SummaryCache.at(tmp.resolve("store"))
                        .get(archive, image.layers().getFirst()));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Compression c : Compression.values()) {
            for (Fault f : Fault.values()) {
                for (String consumer : consumers().keySet().stream().sorted().toList()) {
                    out.add(Arguments.of(c, f, consumer));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void consumer_badLayer_isOneLineMismatch(Compression c, Fault fault, String consumer) throws Exception {
        Path layout = tmp.resolve("layout");
        Path blob = badImage(layout, c, fault);
        try (ImageArchive archive = ImageArchive.open(layout)) {
            Image image = archive.image("x");
            String where = archive.describe(image.layers().getFirst());
            DigestMismatchException e = assertThrows(
                    DigestMismatchException.class,
                    () -> consumers().get(consumer).read(archive, image, blob, tmp));
            String m = e.getMessage();
            assertFalse(m.contains("\n"), m);
            String named = consumer.contains("LayerBlob") ? blob.toString() : where;
            String expected = named + (fault == Fault.DIFF_ID ? " (diff_id)" : "") + ": digest mismatch: expected ";
            assertTrue(m.startsWith(expected), m + " should start with " + expected);
        }
        assertFalse(Files.exists(tmp.resolve("rootfs")), "nothing half-written");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("tools")
    void tool_badLayer_isOneLineAndExit1(Compression c, Fault fault, String tool) throws IOException {
        Path layout = tmp.resolve("layout");
        badImage(layout, c, fault);
        List<String> args = new ArrayList<>(List.of(tool, "--image", layout.toString()));
        if (tool.equals("unpack")) {
            args.addAll(List.of("--into", tmp.resolve("rootfs").toString()));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        String e = err.toString();
        assertTrue(code == 1, "exit " + code + ": " + e);
        assertTrue(e.lines().count() == 1 && e.startsWith(tool + ": ") && e.contains("digest mismatch"), e);
        assertTrue(fault != Fault.DIFF_ID || e.contains("(diff_id)"), e);
        assertFalse(Files.exists(tmp.resolve("rootfs")), "nothing half-written");
    }

    static Stream<Arguments> tools() {
        List<Arguments> out = new ArrayList<>();
        for (Compression c : Compression.values()) {
            for (Fault f : Fault.values()) {
                for (String tool : List.of("inspect", "unpack")) {
                    out.add(Arguments.of(c, f, tool));
                }
            }
        }
        return out.stream();
    }

    /** An OCI layout holding image {@code x} of one layer with {@code fault}; returns the layer's blob file. */
    static Path badImage(Path root, Compression c, Fault fault) throws IOException {
        BlobStore store = BlobStore.open(root);
        byte[] tar = OciLayouts.tar(Map.of("etc/a", "alpha", "etc/b", "b".repeat(20_000)));
        byte[] content = OciLayouts.compress(tar, c);
        Descriptor layer = store.put(content).withMediaType(MediaTypes.ociLayer(c));
        if (fault == Fault.DIGEST) { // the manifest names other content; the blob under that name is this layer
            Digest other = Digest.of("other".getBytes(StandardCharsets.UTF_8));
            Files.write(store.blobPath(layer.digest()).resolveSibling(other.hex()), content);
            layer = new Descriptor(layer.mediaType(), other, content.length, null, null);
        }
        Digest diffId = fault == Fault.DIFF_ID ? Digest.of(new byte[] {7}) : Digest.of(tar);
        Descriptor config = store.put(("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}")
                        .getBytes(StandardCharsets.UTF_8))
                .withMediaType(MediaTypes.OCI_CONFIG);
        Descriptor m = store.put(Json.MAPPER.writeValueAsBytes(Manifest.oci(config, List.of(layer))))
                .withMediaType(MediaTypes.OCI_MANIFEST);
        store.tag("x", m);
        Path blob = store.blobPath(layer.digest());
        return blob;
    }
}
