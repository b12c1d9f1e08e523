package dev.layerbench.layout;

import dev.layerbench.fs.Mount;
import dev.layerbench.fs.Trees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the erofs and composefs-style layouts share: a base of EROFS images, each made from a tree (deleted once it is
 * an image) and loop-mounted read-only once, and containers that are kernel overlays ({@link MountedInstance}) over
 * those mounts. The mounts are what the page cache holds for reads through a container.
 */
abstract class ErofsBaseLayout extends BaseLayout {

    private final List<Path> mounts = new ArrayList<>();

    ErofsBaseLayout(Workspace ws, LayoutOptions options) {
        super(ws, options);
    }

    /**
     * Makes {@code tree} into the EROFS image {@code image}, deletes the tree, and loop-mounts the image read-only on
     * the workspace mount point {@code name}; returns the mount point.
     *
     * @param sparse whether the tree's files are holes only (a metadata image)
     */
    Path mountImage(Path tree, Path image, boolean sparse, String name) throws IOException {
        ErofsImage.make(tree, image, sparse);
        Trees.delete(tree);
        Path m = ws.mountPoint(name);
        Mount.loopReadOnly(image, "erofs", m);
        mounts.add(m);
        return m;
    }

    @Override
    void unmake(Instance instance) throws IOException {
        Mount.unmount(((MountedInstance) instance).merged(), 0);
    }

    @Override
    void releaseBase() throws IOException {
        for (Path m : mounts) {
            Mount.unmount(m, 0);
        }
        mounts.clear();
    }

    /** The images' mounts: reads through a container fill their page cache (and the loop devices' backing files'). */
    @Override
    public List<Path> cacheMounts() {
        return List.copyOf(mounts);
    }
}
