package dev.layerbench.layout;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.Mount;
import dev.layerbench.image.Image;
import dev.layerbench.image.Layer;
import dev.layerbench.unpack.LayerDirectories;
import dev.layerbench.unpack.WhiteoutForm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code erofs}: as containerd's EROFS snapshotter stores layers. Each layer is unpacked once per diff_id into its
 * directory (whiteouts in overlay form), converted to an EROFS image {@code base/layers/sha256/<hex>.erofs} beside it
 * with {@code mkfs.erofs}, and the directory deleted: the image is what the layout keeps. Each image is loop-mounted
 * read-only once ({@code mnt/erofs-<hex>/}); a container is {@code upper/}, {@code work/} and {@code merged/} with a
 * kernel overlay whose lower layers are those mounts.
 */
final class ErofsLayout extends ErofsBaseLayout {

    /** Each layer's mount, by diff_id: a layer shared by images is mounted once. */
    private final Map<Digest, Path> mounts = new HashMap<>();

    private final Map<Image, List<Path>> lowers = new HashMap<>();

    ErofsLayout(Workspace ws, LayoutOptions options) throws IOException {
        super(ws, options);
        LayerDirectories dirs = LayerDirectories.at(ws.base());
        for (Image image : ws.images()) {
            List<Path> lower = new ArrayList<>();
            for (Layer layer : image.layers()) {
                Digest d = layer.diffId();
                Path m = mounts.get(d);
                if (m == null) {
                    dirs.ensureUnpacked(ws.archive(), layer);
                    Path dir = dirs.path(d);
                    if (dirs.form(d).orElseThrow() != WhiteoutForm.OVERLAY) {
                        throw new LayoutException(dir + ": whiteouts not in overlay form; the kernel cannot mount it");
                    }
                    m = mountImage(dir, dir.resolveSibling(d.hex() + ".erofs"), false, "erofs-" + d.hex());
                    mounts.put(d, m);
                }
                lower.add(m);
            }
            lowers.put(image, List.copyOf(lower));
        }
    }

    @Override
    Instance make(String name, Image image, Path dir) throws IOException {
        MountedInstance m = MountedInstance.prepare(name, dir);
        Mount.overlay(lowers.get(image), m.upper(), m.work(), m.merged());
        return m;
    }
}
