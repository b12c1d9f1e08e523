package dev.layerbench.testing;

import dev.layerbench.codec.Compression;
import dev.layerbench.digest.Digest;
import dev.layerbench.image.Manifest;
import dev.layerbench.image.MediaTypes;
import dev.layerbench.json.Json;
import dev.layerbench.store.BlobStore;
import dev.layerbench.store.Descriptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small OCI layouts written by the tests themselves, for reading and bad-input cases. */
public final class OciLayouts {

    private OciLayouts() {}

    /** A layer tar holding the given regular files (name to content). */
    public static byte[] tar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> f : new java.util.TreeMap<>(files).entrySet()) {
                byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(content.length);
                e.setModTime(0);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    public static byte[] compress(byte[] content, Compression c) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = c.compress(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    /** What {@link #write} made. */
    public record Written(Descriptor manifest, Descriptor config, List<Descriptor> layers, List<Digest> diffIds) {}

    /** Writes an image of the given layer tars into the layout at {@code root}, tagged {@code ref}. */
    public static Written write(Path root, String ref, List<byte[]> layerTars, Compression c) throws IOException {
        BlobStore store = BlobStore.open(root);
        List<Descriptor> layers = new ArrayList<>();
        List<Digest> diffIds = new ArrayList<>();
        for (byte[] tar : layerTars) {
            diffIds.add(Digest.of(tar));
            layers.add(store.put(compress(tar, c)).withMediaType(MediaTypes.ociLayer(c)));
        }
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":"
                + Json.MAPPER.writeValueAsString(
                        diffIds.stream().map(Digest::toString).toList()) + "}}";
        Descriptor configDescriptor =
                store.put(config.getBytes(StandardCharsets.UTF_8)).withMediaType(MediaTypes.OCI_CONFIG);
        byte[] manifest = Json.MAPPER.writeValueAsBytes(Manifest.oci(configDescriptor, layers));
        Descriptor manifestDescriptor = store.put(manifest).withMediaType(MediaTypes.OCI_MANIFEST);
        store.tag(ref, manifestDescriptor);
        return new Written(manifestDescriptor, configDescriptor, layers, diffIds);
    }
}
