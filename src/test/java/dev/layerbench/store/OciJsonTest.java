package dev.layerbench.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.digest.Digest;
import dev.layerbench.json.Json;
import dev.layerbench.json.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciJsonTest {

    private static Descriptor layer(int i) {
        return new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", Digest.of(new byte[] {(byte) i}), 100 + i);
    }

    private static List<OciIndex> indexes() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(Descriptor.REF_NAME, "name \"with\" quotes\tand é");
        annotations.put("io.containerd.image.name", "docker.io/library/x:1");
        return List.of(
                OciIndex.empty(),
                OciIndex.empty()
                        .withManifests(List.of(
                                layer(1).withMediaType(OciIndex.MEDIA_TYPE).withAnnotations(annotations))),
                new OciIndex(
                        2,
                        null,
                        List.of(
                                new Descriptor(
                                        "application/vnd.oci.image.manifest.v1+json",
                                        Digest.of(new byte[0]),
                                        5,
                                        Map.of(),
                                        new Descriptor.Platform("amd64", "linux", null)),
                                new Descriptor(
                                        "m",
                                        Digest.of(new byte[2]),
                                        0,
                                        Map.of("k", "v"),
                                        new Descriptor.Platform(null, null, "v8"))),
                        annotations));
    }

    @Test
    void writeIndex_sameBytesAsJackson() throws Exception {
        for (OciIndex index : indexes()) {
            assertEquals(
                    new String(Json.MAPPER.writeValueAsBytes(index), StandardCharsets.UTF_8),
                    new String(OciJson.write(index), StandardCharsets.UTF_8));
        }
    }

    @Test
    void index_readsWhatEitherWrote() throws Exception {
        for (OciIndex index : indexes()) {
            assertEquals(index, OciJson.index(Json.MAPPER.writeValueAsBytes(index)));
            assertEquals(index, Json.MAPPER.readValue(OciJson.write(index), OciIndex.class));
        }
    }

    @Test
    void writeManifest_sameBytesAsJackson() throws Exception {
        Descriptor config = new Descriptor("application/vnd.oci.image.config.v1+json", Digest.of(new byte[3]), 42);
        record M(
                int schemaVersion,
                String mediaType,
                Descriptor config,
                List<Descriptor> layers,
                Map<String, String> annotations) {}
        for (List<Descriptor> layers : List.of(List.<Descriptor>of(), List.of(layer(1), layer(2)))) {
            byte[] ours =
                    OciJson.writeManifest(2, "application/vnd.oci.image.manifest.v1+json", config, layers, Map.of());
            // the image package's Manifest record is what Jackson wrote before; its fields, in order, without empty
            // annotations
            String jackson =
                    "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                            + Json.MAPPER.writeValueAsString(config) + ",\"layers\":"
                            + Json.MAPPER.writeValueAsString(layers) + "}";
            assertEquals(jackson, new String(ours, StandardCharsets.UTF_8));
            OciJson.ManifestFields back = OciJson.manifest(ours);
            assertEquals(
                    new M(2, "application/vnd.oci.image.manifest.v1+json", config, layers, Map.of()),
                    new M(back.schemaVersion(), back.mediaType(), back.config(), back.layers(), back.annotations()));
        }
    }

    @Test
    void index_unknownFieldsIgnored() throws Exception {
        OciIndex i = OciJson.index(
                ("{\"schemaVersion\":2,\"x\":{\"y\":[1,2]},\"manifests\":[{\"mediaType\":\"m\",\"digest\":\""
                                + Digest.of(new byte[0]) + "\",\"size\":3,\"urls\":[\"u\"],\"data\":\"AA==\"}]}")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(new Descriptor("m", Digest.of(new byte[0]), 3)), i.manifests());
    }

    @Test
    void index_badFields_oneLineNamingTheField() {
        Map<String, String> cases = Map.of(
                "{\"schemaVersion\":3,\"manifests\":[]}",
                "schemaVersion must be 2",
                "{\"schemaVersion\":2}",
                "no manifests array",
                "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":5}]}",
                "manifests[0].mediaType",
                "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"m\",\"digest\":\"md5:00\",\"size\":1}]}",
                "manifests[0]: unsupported digest",
                "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"m\",\"digest\":\"" + Digest.of(new byte[0])
                        + "\",\"size\":1.5}]}",
                "manifests[0].size: expected an integer",
                "{\"schemaVersion\":2,\"manifests\":{}}",
                "manifests: expected an array",
                "[]",
                "index: expected an object");
        cases.forEach((doc, expected) -> {
            JsonText.Malformed e = assertThrows(
                    JsonText.Malformed.class, () -> OciJson.index(doc.getBytes(StandardCharsets.UTF_8)), doc);
            assertTrue(e.getMessage().contains(expected), doc + " -> " + e.getMessage());
        });
    }

    @Test
    void write_thenParse_keepsNonAsciiAndControlCharacters() throws Exception {
        OciIndex index = OciIndex.empty()
                .withManifests(List.of(layer(3).withAnnotations(Map.of("k\u0001", "\u00e9\u4e2d\n\"\\"))));
        byte[] bytes = OciJson.write(index);
        assertArrayEquals(Json.MAPPER.writeValueAsBytes(index), bytes);
        assertEquals(index, OciJson.index(bytes));
    }
}
