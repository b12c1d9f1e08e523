package dev.layerbench.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.digest.Digest;
import dev.layerbench.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * What the project reads of an image config: platform and {@code rootfs.diff_ids}, the digests of the uncompressed
 * layer tars, bottom first.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/config.md">OCI image config</a>
 */
public record ImageConfig(String architecture, String os, List<Digest> diffIds) {

    public ImageConfig {
        diffIds = List.copyOf(diffIds);
    }

    /**
     * Parses a config document.
     *
     * @param where names the file in errors
     */
    public static ImageConfig parse(byte[] json, String where) throws ImageException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ImageException(where + ": config is not JSON: " + Json.reason(e));
        } catch (java.io.IOException e) {
            throw new ImageException(where + ": unreadable config: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ImageException(where + ": config is not a JSON object");
        }
        JsonNode rootfs = root.path("rootfs");
        if (!"layers".equals(rootfs.path("type").asText())) {
            throw new ImageException(where + ": config has no rootfs of type \"layers\"");
        }
        JsonNode ids = rootfs.path("diff_ids");
        if (!ids.isArray()) {
            throw new ImageException(where + ": config has no rootfs.diff_ids array");
        }
        List<Digest> diffIds = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            try {
                diffIds.add(Digest.parse(ids.get(i).asText()));
            } catch (IllegalArgumentException e) {
                throw new ImageException(where + ": rootfs.diff_ids[" + i + "]: " + e.getMessage());
            }
        }
        return new ImageConfig(root.path("architecture").asText(""), root.path("os").asText(""), diffIds);
    }
}
