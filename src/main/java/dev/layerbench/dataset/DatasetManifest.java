package dev.layerbench.dataset;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.layerbench.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dataset's manifest, one JSON file in {@code datasets/}: what it is, how it is built (generator parameters or a
 * recipe) and the sha256 of every layer it builds, per image.
 *
 * @param images the pinned layers; for a real dataset empty until its first build is recorded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetManifest(
        String name,
        String description,
        DatasetKind kind,
        SyntheticParameters parameters,
        RealRecipe recipe,
        List<ImageRecord> images) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[-.][a-z0-9]+)*");
    private static final ObjectWriter PRETTY = Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);

    public DatasetManifest {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "dataset name must be lowercase words joined by '-' or '.', got \"" + name + "\"");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException(name + ": no description");
        }
        if (kind == null) {
            throw new IllegalArgumentException(name + ": no kind (synthetic or real)");
        }
        if (kind == DatasetKind.synthetic && (parameters == null || recipe != null)) {
            throw new IllegalArgumentException(name + ": a synthetic dataset has parameters and no recipe");
        }
        if (kind == DatasetKind.real && (recipe == null || parameters != null)) {
            throw new IllegalArgumentException(name + ": a real dataset has a recipe and no parameters");
        }
        images = images == null ? List.of() : List.copyOf(images);
        Set<String> seen = new LinkedHashSet<>();
        for (ImageRecord i : images) {
            if (!seen.add(i.name())) {
                throw new IllegalArgumentException(name + ": image " + i.name() + " listed twice");
            }
        }
    }

    /**
     * Reads a manifest; {@code where} names it in errors. Generator parameters must be spelled out, every one of them:
     * a missing or misspelt parameter would otherwise silently become 0.
     */
    public static DatasetManifest read(InputStream in, String where) throws IOException {
        try {
            com.fasterxml.jackson.databind.JsonNode tree = Json.MAPPER.readTree(in);
            com.fasterxml.jackson.databind.JsonNode parameters = tree == null ? null : tree.get("parameters");
            if (parameters != null && parameters.isObject()) {
                Set<String> expected = new LinkedHashSet<>();
                for (java.lang.reflect.RecordComponent c : SyntheticParameters.class.getRecordComponents()) {
                    expected.add(c.getName());
                }
                Set<String> given = new LinkedHashSet<>();
                parameters.fieldNames().forEachRemaining(given::add);
                for (String name : given) {
                    if (!expected.contains(name)) {
                        throw new DatasetException(where + ": unknown synthetic parameter \"" + name + "\" (known: "
                                + String.join(", ", expected) + ")");
                    }
                }
                expected.removeAll(given);
                if (!expected.isEmpty()) {
                    throw new DatasetException(
                            where + ": synthetic parameters missing: " + String.join(", ", expected));
                }
            }
            return Json.MAPPER.treeToValue(tree, DatasetManifest.class);
        } catch (JsonProcessingException e) {
            throw new DatasetException(where + ": not a dataset manifest: " + Json.reason(e));
        } catch (IllegalArgumentException e) {
            throw new DatasetException(where + ": not a dataset manifest: " + e.getMessage());
        }
    }

    /** The manifest as pretty JSON with a final newline, stable for the same content. */
    public byte[] toJson() throws IOException {
        return (PRETTY.writeValueAsString(this) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The same manifest with these images pinned. */
    public DatasetManifest withImages(List<ImageRecord> built) {
        return new DatasetManifest(name, description, kind, parameters, recipe, built);
    }

    /** Whether layers are pinned (always for synthetic; for real once a build was recorded). */
    public boolean pinned() {
        return !images.isEmpty();
    }

    /** How many images a build makes. */
    public int imageCount() {
        return kind == DatasetKind.synthetic
                ? parameters.images()
                : recipe.images().size();
    }

    /** Blob bytes of every distinct layer, as pinned. */
    public long distinctSize() {
        return images.stream()
                .flatMap(i -> i.layers().stream())
                .distinct()
                .mapToLong(LayerRecord::size)
                .sum();
    }

    /** Uncompressed bytes of every distinct layer, as pinned. */
    public long distinctUncompressedSize() {
        return images.stream()
                .flatMap(i -> i.layers().stream())
                .distinct()
                .mapToLong(LayerRecord::uncompressedSize)
                .sum();
    }
}
