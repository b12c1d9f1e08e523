package dev.layerbench.image;

import dev.layerbench.codec.Compression;
import dev.layerbench.digest.Digest;
import dev.layerbench.digest.VerifyingInputStream;
import dev.layerbench.json.JsonText;
import dev.layerbench.layer.LayerCheck;
import dev.layerbench.layer.LayerStream;
import dev.layerbench.oci.LayerPaths;
import dev.layerbench.store.Descriptor;
import dev.layerbench.store.OciIndex;
import dev.layerbench.store.OciJson;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An opened image source (OCI layout directory, oci-archive or docker-archive): lists the images it holds, reads one
 * by ref, and opens its blobs. A tar is read in place, never extracted. Close it when done.
 */
public final class ImageArchive implements Closeable {

    /** Annotation containerd and newer {@code docker save} put on index entries: the full image name. */
    public static final String CONTAINERD_IMAGE_NAME = "io.containerd.image.name";

    private static final String INDEX_JSON = "index.json";
    private static final String OCI_LAYOUT = "oci-layout";
    private static final String DOCKER_MANIFEST_JSON = "manifest.json";
    private static final int MAX_JSON = 64 << 20;

    private final Path source;
    private final ImageFiles files;
    private final ImageFormat format;
    /** Where each config read so far lives inside the source (docker save names configs freely). */
    private final java.util.Map<Digest, String> configPaths = new java.util.concurrent.ConcurrentHashMap<>();

    private ImageArchive(Path source, ImageFiles files, ImageFormat format) {
        this.source = source;
        this.files = files;
        this.format = format;
    }

    /** Opens an image source, recognising its form from what it holds (not from its name). */
    public static ImageArchive open(Path source) throws IOException {
        if (!Files.exists(source)) {
            throw new ImageException(source + ": no such file or directory");
        }
        ImageFiles files = ImageFiles.of(source);
        try {
            ImageFormat format;
            if (files.size(DOCKER_MANIFEST_JSON).isPresent() && !Files.isDirectory(source)) {
                format = ImageFormat.DOCKER_ARCHIVE;
            } else if (files.size(INDEX_JSON).isPresent()
                    || files.size(OCI_LAYOUT).isPresent()) {
                format = Files.isDirectory(source) ? ImageFormat.OCI_LAYOUT : ImageFormat.OCI_ARCHIVE;
            } else {
                throw new ImageException(
                        source + ": not an image: no index.json (OCI layout) or manifest.json (docker save)");
            }
            return new ImageArchive(source, files, format);
        } catch (IOException | RuntimeException e) {
            files.close();
            throw e;
        }
    }

    public ImageFormat format() {
        return format;
    }

    public Path source() {
        return source;
    }

    /** The refs of the images this source holds (empty strings for untagged ones). */
    public List<String> refs() throws IOException {
        if (format == ImageFormat.DOCKER_ARCHIVE) {
            List<String> refs = new ArrayList<>();
            for (DockerEntry entry : dockerManifest()) {
                if (!entry.tags().isEmpty()) {
                    refs.addAll(entry.tags());
                } else {
                    refs.add("");
                }
            }
            return refs;
        }
        return ociIndex().manifests().stream().map(ImageArchive::refOf).toList();
    }

    /**
     * Reads one image: the one tagged {@code ref}, or the only one when {@code ref} is null.
     *
     * @throws ImageException when the ref is not there, when several images need a ref, or when a document is bad
     */
    public Image image(String ref) throws IOException {
        return format == ImageFormat.DOCKER_ARCHIVE ? dockerImage(ref) : ociImage(ref);
    }

    /** Opens a layer blob as stored (compressed), checking its digest and size at end of stream. */
    public InputStream openLayer(Layer layer) throws IOException {
        return new VerifyingInputStream(files.open(layer.path()), layer.digest(), layer.size(), describe(layer));
    }

    /**
     * Opens a layer decompressed, checking in the same pass the blob's digest and size, the tar's diff_id, and that
     * the content's compression is the one its media type says.
     */
    public LayerStream openUncompressed(Layer layer) throws IOException {
        LayerCheck check = LayerCheck.of(describe(layer))
                .withDigest(layer.digest(), layer.size())
                .withDiffId(Optional.of(layer.diffId()))
                .withCompression(layer.compression(), "media type " + layer.mediaType());
        return LayerStream.open(files.open(layer.path()), check);
    }

    /** Opens a blob of an OCI source by digest, verified at end of stream. */
    public InputStream openBlob(Descriptor d) throws IOException {
        String path = blobPath(d.digest());
        return new VerifyingInputStream(files.open(path), d.digest(), d.size(), files.describe(path));
    }

    /** Reads a small blob (manifest, config) whole, verified. */
    public byte[] readBlob(Descriptor d) throws IOException {
        if (d.size() > MAX_JSON) {
            throw new ImageException(
                    files.describe(blobPath(d.digest())) + ": " + d.size() + " bytes is too large for a JSON document");
        }
        try (InputStream in = openBlob(d)) {
            return in.readAllBytes();
        }
    }

    /** Reads an image's config document whole, verified against its digest. */
    public byte[] readConfig(Image image) throws IOException {
        String path = configPaths.get(image.config().digest());
        if (path == null) {
            return readBlob(image.config());
        }
        try (InputStream in = new VerifyingInputStream(
                files.open(path), image.config().digest(), image.config().size(), files.describe(path))) {
            return in.readAllBytes();
        }
    }

    /** Names a layer for messages. */
    public String describe(Layer layer) {
        return files.describe(layer.path()) + " (layer " + layer.index() + ")";
    }

    @Override
    public void close() throws IOException {
        files.close();
    }

    // ---- OCI layout ------------------------------------------------------------------------------------------

    private OciIndex ociIndex() throws IOException {
        return parseIndex(readFile(INDEX_JSON), files.describe(INDEX_JSON));
    }

    private static String refOf(Descriptor d) {
        return d.refName()
                .or(() -> Optional.ofNullable(d.annotations().get(CONTAINERD_IMAGE_NAME)))
                .orElse("");
    }

    private Image ociImage(String ref) throws IOException {
        List<Descriptor> manifests = ociIndex().manifests();
        Descriptor chosen;
        if (ref != null) {
            chosen = manifests.stream()
                    .filter(d -> ref.equals(d.annotations().get(Descriptor.REF_NAME))
                            || ref.equals(d.annotations().get(CONTAINERD_IMAGE_NAME)))
                    .findFirst()
                    .orElseThrow(() -> new ImageException(files.describe(INDEX_JSON) + ": no image tagged \"" + ref
                            + "\" (tags: "
                            + tagList(
                                    manifests.stream().map(ImageArchive::refOf).toList()) + ")"));
        } else if (manifests.size() == 1) {
            chosen = manifests.get(0);
        } else if (manifests.isEmpty()) {
            throw new ImageException(files.describe(INDEX_JSON) + ": holds no image");
        } else {
            throw new ImageException(files.describe(INDEX_JSON) + ": holds " + manifests.size()
                    + " images: pick one with --ref (tags: "
                    + tagList(manifests.stream().map(ImageArchive::refOf).toList()) + ")");
        }
        Descriptor manifestDescriptor = resolvePlatform(chosen, 0);
        String where = files.describe(blobPath(manifestDescriptor.digest()));
        Manifest manifest = parseManifest(readBlob(manifestDescriptor), where);
        if (!MediaTypes.isConfig(manifest.config().mediaType())) {
            throw new ImageException(
                    where + ": config has media type " + manifest.config().mediaType() + ", not an image config");
        }
        String configWhere = files.describe(blobPath(manifest.config().digest()));
        ImageConfig config = ImageConfig.parse(readBlob(manifest.config()), configWhere);
        if (config.diffIds().size() != manifest.layers().size()) {
            throw new ImageException(configWhere + ": " + config.diffIds().size() + " diff_ids for "
                    + manifest.layers().size() + " layers in " + where);
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            Descriptor d = manifest.layers().get(i);
            int index = i;
            Compression compression = MediaTypes.layerCompression(d.mediaType())
                    .orElseThrow(() -> new ImageException(
                            where + ": layer " + index + " has unknown media type " + d.mediaType()));
            String path = blobPath(d.digest());
            if (files.size(path).isEmpty()) {
                throw new ImageException(files.describe(path) + ": missing (layer " + i + " of " + where + ")");
            }
            layers.add(new Layer(i, d, config.diffIds().get(i), compression, path));
        }
        String name = ref != null ? ref : refOf(chosen);
        return new Image(name, format, Optional.of(manifestDescriptor), manifest.config(), config, layers);
    }

    /** Follows an index entry down to the manifest for this machine's platform. */
    private Descriptor resolvePlatform(Descriptor d, int depth) throws IOException {
        if (MediaTypes.isManifest(d.mediaType())) {
            return d;
        }
        if (!MediaTypes.isIndex(d.mediaType()) || depth > 4) {
            throw new ImageException(files.describe(blobPath(d.digest())) + ": unsupported media type " + d.mediaType()
                    + " (expected an image manifest or index)");
        }
        String where = files.describe(blobPath(d.digest()));
        OciIndex nested = parseIndex(readBlob(d), where);
        List<Descriptor> candidates = nested.manifests().stream()
                .filter(m -> m.platform() == null
                        || (hostArchitecture().equals(m.platform().architecture())
                                && "linux".equals(m.platform().os())))
                .toList();
        if (candidates.isEmpty()) {
            throw new ImageException(where + ": no manifest for linux/" + hostArchitecture());
        }
        return resolvePlatform(candidates.get(0), depth + 1);
    }

    static String hostArchitecture() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    private static String blobPath(Digest d) {
        return "blobs/" + d.algorithm() + "/" + d.hex();
    }

    // ---- docker save -----------------------------------------------------------------------------------------

    /** One entry of docker's {@code manifest.json}: the config's path, the tags, the layers' paths. */
    private record DockerEntry(String config, List<String> tags, List<String> layers) {}

    private List<DockerEntry> dockerManifest() throws IOException {
        String where = files.describe(DOCKER_MANIFEST_JSON);
        Object root;
        try {
            root = JsonText.parse(readFile(DOCKER_MANIFEST_JSON));
        } catch (JsonText.Malformed e) {
            throw new ImageException(where + ": not JSON: " + e.getMessage());
        }
        if (!(root instanceof List<?> list)) {
            throw new ImageException(where + ": not a docker save manifest (expected a JSON array)");
        }
        List<DockerEntry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof java.util.Map<?, ?> e)
                    || !(e.get("Config") instanceof String config)
                    || !(e.get("Layers") instanceof List<?> layers)) {
                throw new ImageException(where + ": entry " + i + " lacks Config or Layers");
            }
            entries.add(new DockerEntry(config, texts(e.get("RepoTags")), texts(layers)));
        }
        return entries;
    }

    /** The elements of an array as text (as Jackson's asText gave them); empty when not an array. */
    private static List<String> texts(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                out.add(
                        o == null
                                ? ""
                                : o instanceof String s
                                        ? s
                                        : o instanceof java.util.Map || o instanceof List ? "" : String.valueOf(o));
            }
        }
        return out;
    }

    private Image dockerImage(String ref) throws IOException {
        String where = files.describe(DOCKER_MANIFEST_JSON);
        List<DockerEntry> entries = dockerManifest();
        DockerEntry chosen = null;
        String name = "";
        for (DockerEntry e : entries) {
            List<String> tags = e.tags();
            if (ref == null) {
                name = tags.isEmpty() ? "" : tags.get(0);
                chosen = e;
                break;
            }
            for (String t : tags) {
                if (t.equals(ref) || t.equals(ref + ":latest")) {
                    chosen = e;
                    name = t;
                }
            }
            if (chosen != null) {
                break;
            }
        }
        if (ref == null && entries.size() > 1) {
            throw new ImageException(where + ": holds " + entries.size() + " images: pick one with --ref (tags: "
                    + tagList(refs()) + ")");
        }
        if (chosen == null) {
            throw new ImageException(
                    ref == null
                            ? where + ": holds no image"
                            : where + ": no image tagged \"" + ref + "\" (tags: " + tagList(refs()) + ")");
        }
        String configPath = LayerPaths.clean(chosen.config());
        byte[] configBytes = readFile(configPath);
        Digest configDigest = Digest.of(configBytes);
        Optional<Digest> named = digestFromPath(configPath);
        if (named.isPresent() && !named.get().equals(configDigest)) {
            throw new ImageException(files.describe(configPath) + ": digest mismatch: expected " + named.get()
                    + ", got " + configDigest);
        }
        ImageConfig config = ImageConfig.parse(configBytes, files.describe(configPath));
        List<String> layerPaths = chosen.layers();
        if (config.diffIds().size() != layerPaths.size()) {
            throw new ImageException(files.describe(configPath) + ": "
                    + config.diffIds().size() + " diff_ids for " + layerPaths.size() + " layers in " + where);
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < layerPaths.size(); i++) {
            String path = LayerPaths.clean(layerPaths.get(i));
            OptionalLong size = files.size(path);
            if (size.isEmpty()) {
                throw new ImageException(files.describe(path) + ": missing (layer " + i + " of " + where + ")");
            }
            Compression compression;
            try (InputStream in = files.open(path)) {
                byte[] head = in.readNBytes(Compression.MAGIC_LENGTH);
                compression = Compression.detect(head, head.length);
            }
            Digest diffId = config.diffIds().get(i);
            Digest digest;
            if (digestFromPath(path).isPresent()) {
                digest = digestFromPath(path).get();
            } else if (compression == Compression.NONE) {
                digest = diffId; // an uncompressed layer's blob digest is its diff_id; checked when read
            } else {
                try (InputStream in = files.open(path)) {
                    digest = Digest.of(in);
                }
            }
            Descriptor d = new Descriptor(MediaTypes.ociLayer(compression), digest, size.getAsLong());
            layers.add(new Layer(i, d, diffId, compression, path));
        }
        Descriptor configDescriptor = new Descriptor(MediaTypes.OCI_CONFIG, configDigest, configBytes.length);
        configPaths.put(configDigest, configPath);
        return new Image(name, format, Optional.empty(), configDescriptor, config, layers);
    }

    /** {@code blobs/sha256/<hex>} as written by newer {@code docker save}; also {@code <hex>.tar}/{@code <hex>.json}. */
    private static Optional<Digest> digestFromPath(String path) {
        String[] parts = path.split("/");
        if (parts.length == 3 && parts[0].equals("blobs") && parts[1].equals(Digest.SHA256)) {
            try {
                return Optional.of(new Digest(parts[2]));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private byte[] readFile(String path) throws IOException {
        OptionalLong size = files.size(path);
        if (size.isEmpty()) {
            throw new ImageException(files.describe(path) + ": missing");
        }
        if (size.getAsLong() > MAX_JSON) {
            throw new ImageException(
                    files.describe(path) + ": " + size.getAsLong() + " bytes is too large for a JSON document");
        }
        try (InputStream in = files.open(path)) {
            return in.readAllBytes();
        }
    }

    private static OciIndex parseIndex(byte[] json, String where) throws ImageException {
        try {
            return OciJson.index(json);
        } catch (JsonText.Malformed e) {
            throw new ImageException(where + ": invalid index: " + e.getMessage());
        }
    }

    private static Manifest parseManifest(byte[] json, String where) throws ImageException {
        try {
            OciJson.ManifestFields m = OciJson.manifest(json);
            return new Manifest(m.schemaVersion(), m.mediaType(), m.config(), m.layers(), m.annotations());
        } catch (JsonText.Malformed | IllegalArgumentException e) {
            throw new ImageException(where + ": invalid manifest: " + e.getMessage());
        }
    }

    private static String tagList(List<String> refs) {
        List<String> shown =
                refs.stream().map(r -> r.isEmpty() ? "<untagged>" : r).toList();
        return shown.isEmpty() ? "none" : String.join(", ", shown);
    }
}
