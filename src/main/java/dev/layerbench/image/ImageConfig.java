package dev.layerbench.image;

import dev.layerbench.digest.Digest;
import dev.layerbench.json.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        Object parsed;
        try {
            parsed = JsonText.parse(json);
        } catch (JsonText.Malformed e) {
            throw new ImageException(where + ": config is not JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> root)) {
            throw new ImageException(where + ": config is not a JSON object");
        }
        Map<?, ?> rootfs = root.get("rootfs") instanceof Map<?, ?> m ? m : Map.of();
        if (!"layers".equals(rootfs.get("type"))) {
            throw new ImageException(where + ": config has no rootfs of type \"layers\"");
        }
        if (!(rootfs.get("diff_ids") instanceof List<?> ids)) {
            throw new ImageException(where + ": config has no rootfs.diff_ids array");
        }
        List<Digest> diffIds = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            try {
                diffIds.add(Digest.parse(ids.get(i) instanceof String s ? s : String.valueOf(ids.get(i))));
            } catch (IllegalArgumentException e) {
                throw new ImageException(where + ": rootfs.diff_ids[" + i + "]: " + e.getMessage());
            }
        }
        return new ImageConfig(text(root.get("architecture")), text(root.get("os")), diffIds);
    }

    private static String text(Object value) {
        return value instanceof String s ? s : "";
    }
}
