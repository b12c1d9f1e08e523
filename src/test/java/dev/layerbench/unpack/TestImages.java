package dev.layerbench.unpack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerbench.codec.Compression;
import dev.layerbench.digest.Digest;
import dev.layerbench.image.MediaTypes;
import dev.layerbench.json.Json;
import dev.layerbench.store.BlobStore;
import dev.layerbench.store.Descriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes small OCI image layouts from layer tars built in test code. */
final class TestImages {

    private TestImages() {}

    /** An OCI layout at {@code dir} holding one image tagged {@code ref} with these layers, bottom first. */
    static BlobStore ociLayout(Path dir, String ref, Compression codec, List<byte[]> tars) throws IOException {
        BlobStore store = BlobStore.open(dir);
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.put("architecture", "amd64");
        config.put("os", "linux");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        ArrayNode layers = Json.MAPPER.createArrayNode();
        for (byte[] tar : tars) {
            diffIds.add(Digest.of(tar).toString());
            Descriptor d = store.put(TarBuilder.compress(tar, codec));
            ObjectNode l = layers.addObject();
            l.put("mediaType", MediaTypes.ociLayer(codec));
            l.put("digest", d.digest().toString());
            l.put("size", d.size());
        }
        Descriptor c = store.put(Json.MAPPER.writeValueAsBytes(config));
        ObjectNode cd = manifest.putObject("config");
        cd.put("mediaType", MediaTypes.OCI_CONFIG);
        cd.put("digest", c.digest().toString());
        cd.put("size", c.size());
        manifest.set("layers", layers);
        Descriptor m = store.put(Json.MAPPER.writeValueAsBytes(manifest));
        store.tag(ref, m.withMediaType(MediaTypes.OCI_MANIFEST));
        return store;
    }
}
