package dev.layerbench.layout;

import dev.layerbench.image.Image;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.Unpacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code flat}: each container a full copy of its image's flattened root filesystem, as Docker's vfs driver and
 * containerd's native snapshotter store them. With {@link LayoutOptions.FlatSource#COPY} each image is flattened once
 * into {@code base/flat/<n>/} and copied per container with {@link Files#copy} (which on Linux lets the kernel copy:
 * copy_file_range, a clone where the filesystem shares extents); with {@code UNPACK} every container unpacks its
 * image's layers itself.
 */
final class FlatLayout extends BaseLayout {

    private final Map<Image, TreePlan> templates = new HashMap<>();

    FlatLayout(Workspace ws, LayoutOptions options) throws IOException {
        super(ws, options);
        if (options.flatSource() == LayoutOptions.FlatSource.COPY) {
            Path flat = Files.createDirectory(ws.base().resolve("flat"));
            int n = 0;
            for (Image image : ws.images()) {
                Path t = flat.resolve(Integer.toString(n++));
                Unpacker.flatten(ws.archive(), image, t, UnpackOptions.flatten());
                templates.put(image, TreePlan.of(t));
            }
        }
    }

    @Override
    Instance make(String name, Image image, Path dir) throws IOException {
        if (options.flatSource() == LayoutOptions.FlatSource.UNPACK) {
            Unpacker.flatten(ws.archive(), image, dir, UnpackOptions.flatten());
        } else {
            templates
                    .get(image)
                    .replicate(
                            dir,
                            (e, t) -> Files.copy(
                                    e.source(), t, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS),
                            true);
        }
        return new TreeInstance(name, dir, false);
    }
}
