package dev.layerbench.store;

import dev.layerbench.digest.Digest;
import dev.layerbench.json.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OCI descriptors, indexes and manifests to and from JSON through {@link JsonText}, without Jackson (start-up: see
 * there). Reading ignores unknown fields; writing gives the bytes {@link Json#MAPPER} gives (fields in record order,
 * nulls and empty annotations left out, compact), so a document written either way has the same digest.
 */
public final class OciJson {

    private OciJson() {}

    /** An index document ({@code index.json} or an index blob). */
    public static OciIndex index(byte[] json) throws JsonText.Malformed {
        return index(JsonText.parse(json), "index");
    }

    /** A manifest document. The manifest type lives beside {@code image}, so it is made by the caller's factory. */
    public static ManifestFields manifest(byte[] json) throws JsonText.Malformed {
        Map<String, Object> m = JsonText.object(JsonText.parse(json), "manifest");
        List<Descriptor> layers = null;
        if (m.get("layers") != null) {
            layers = descriptors(m.get("layers"), "layers");
        }
        Descriptor config = m.get("config") == null ? null : descriptor(m.get("config"), "config");
        return new ManifestFields(
                (int) JsonText.integer(m.get("schemaVersion"), 0, "schemaVersion"),
                JsonText.stringOrNull(m.get("mediaType"), "mediaType"),
                config,
                layers,
                JsonText.stringMap(m.get("annotations"), "annotations"));
    }

    /** The fields of a manifest as read, checked by the manifest's own constructor. */
    public record ManifestFields(
            int schemaVersion,
            String mediaType,
            Descriptor config,
            List<Descriptor> layers,
            Map<String, String> annotations) {}

    static OciIndex index(Object value, String what) throws JsonText.Malformed {
        Map<String, Object> m = JsonText.object(value, what);
        List<Descriptor> manifests = m.get("manifests") == null ? null : descriptors(m.get("manifests"), "manifests");
        try {
            return new OciIndex(
                    (int) JsonText.integer(m.get("schemaVersion"), 0, "schemaVersion"),
                    JsonText.stringOrNull(m.get("mediaType"), "mediaType"),
                    manifests,
                    JsonText.stringMap(m.get("annotations"), "annotations"));
        } catch (IllegalArgumentException e) {
            throw new JsonText.Malformed(e.getMessage());
        }
    }

    /** A descriptor object; {@code what} names it in errors (e.g. {@code manifests[2]}). */
    public static Descriptor descriptor(Object value, String what) throws JsonText.Malformed {
        Map<String, Object> m = JsonText.object(value, what);
        String digest = JsonText.stringOrNull(m.get("digest"), what + ".digest");
        Descriptor.Platform platform = null;
        if (m.get("platform") != null) {
            Map<String, Object> p = JsonText.object(m.get("platform"), what + ".platform");
            platform = new Descriptor.Platform(
                    JsonText.stringOrNull(p.get("architecture"), what + ".platform.architecture"),
                    JsonText.stringOrNull(p.get("os"), what + ".platform.os"),
                    JsonText.stringOrNull(p.get("variant"), what + ".platform.variant"));
        }
        try {
            return new Descriptor(
                    JsonText.stringOrNull(m.get("mediaType"), what + ".mediaType"),
                    digest == null ? null : Digest.parse(digest),
                    JsonText.integer(m.get("size"), 0, what + ".size"),
                    JsonText.stringMap(m.get("annotations"), what + ".annotations"),
                    platform);
        } catch (IllegalArgumentException e) {
            throw new JsonText.Malformed(what + ": " + e.getMessage());
        }
    }

    private static List<Descriptor> descriptors(Object value, String what) throws JsonText.Malformed {
        List<Object> list = JsonText.arrayOrEmpty(value, what);
        List<Descriptor> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(descriptor(list.get(i), what + "[" + i + "]"));
        }
        return out;
    }

    // ---- writing --------------------------------------------------------------------------------------------

    /** {@code index} as Jackson writes it. */
    public static byte[] write(OciIndex index) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"schemaVersion\":").append(index.schemaVersion());
        if (index.mediaType() != null) {
            JsonText.quote(out.append(",\"mediaType\":"), index.mediaType());
        }
        out.append(",\"manifests\":");
        descriptors(out, index.manifests());
        annotations(out, index.annotations());
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A manifest's fields as Jackson writes the manifest record (schemaVersion, mediaType, config, layers, annotations). */
    public static byte[] writeManifest(
            int schemaVersion,
            String mediaType,
            Descriptor config,
            List<Descriptor> layers,
            Map<String, String> annotations) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"schemaVersion\":").append(schemaVersion);
        if (mediaType != null) {
            JsonText.quote(out.append(",\"mediaType\":"), mediaType);
        }
        if (config != null) {
            descriptor(out.append(",\"config\":"), config);
        }
        if (layers != null) {
            descriptors(out.append(",\"layers\":"), layers);
        }
        annotations(out, annotations);
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void descriptors(StringBuilder out, List<Descriptor> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            descriptor(out, list.get(i));
        }
        out.append(']');
    }

    private static void descriptor(StringBuilder out, Descriptor d) {
        JsonText.quote(out.append("{\"mediaType\":"), d.mediaType());
        JsonText.quote(out.append(",\"digest\":"), d.digest().toString());
        out.append(",\"size\":").append(d.size());
        annotations(out, d.annotations());
        Descriptor.Platform p = d.platform();
        if (p != null) {
            out.append(",\"platform\":{");
            boolean first = true;
            first = field(out, "architecture", p.architecture(), first);
            first = field(out, "os", p.os(), first);
            field(out, "variant", p.variant(), first);
            out.append('}');
        }
        out.append('}');
    }

    private static boolean field(StringBuilder out, String name, String value, boolean first) {
        if (value == null) {
            return first;
        }
        if (!first) {
            out.append(',');
        }
        JsonText.quote(out, name).append(':');
        JsonText.quote(out, value);
        return false;
    }

    private static void annotations(StringBuilder out, Map<String, String> annotations) {
        if (annotations == null || annotations.isEmpty()) {
            return;
        }
        out.append(",\"annotations\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonText.quote(out, e.getKey()).append(':');
            if (e.getValue() == null) {
                out.append("null");
            } else {
                JsonText.quote(out, e.getValue());
            }
        }
        out.append('}');
    }
}
