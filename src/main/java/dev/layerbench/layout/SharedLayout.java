package dev.layerbench.layout;

import dev.layerbench.container.Container;
import dev.layerbench.container.ContainerOptions;
import dev.layerbench.fs.Errno;
import dev.layerbench.fs.Mount;
import dev.layerbench.fs.PosixException;
import dev.layerbench.image.Image;
import dev.layerbench.union.LayerCache;
import dev.layerbench.union.LayerStack;
import dev.layerbench.union.Lookup;
import dev.layerbench.union.Node;
import dev.layerbench.unpack.LayerDirectories;
import dev.layerbench.unpack.WhiteoutForm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code shared}, {@code shared-kernel} and {@code fuse-overlayfs}: every layer unpacked once per diff_id into {@code base/layers/sha256/<hex>/}
 * (whiteouts in overlay form when root, so the kernel can mount them), shared by every image and container that has
 * it. A {@code shared} container is a {@link Container} whose upper directory is the container's directory; a
 * {@code shared-kernel} container is {@code upper/}, {@code work/} and {@code merged/}, with an overlay mounted on
 * {@code merged/} until it is removed; a {@code fuse-overlayfs} container is the same with fuse-overlayfs (the path
 * rootless Podman takes) serving the mount in userspace.
 */
final class SharedLayout extends BaseLayout {

    /** Who shows a container's union: the project's union view, kernel overlayfs, or fuse-overlayfs. */
    enum Union {
        USERSPACE,
        KERNEL,
        FUSE
    }

    private final Union union;
    private final LayerCache cache = LayerCache.cold();
    private final Map<Image, List<Path>> layers = new HashMap<>();
    private final Map<Image, LayerStack> stacks = new HashMap<>();
    private final ContainerOptions containerOptions;

    SharedLayout(Workspace ws, LayoutOptions options, Union union) throws IOException {
        super(ws, options);
        this.union = union;
        LayerDirectories dirs = LayerDirectories.at(ws.base());
        for (Image image : ws.images()) {
            List<Path> l = dirs.ensureUnpacked(ws.archive(), image);
            if (union != Union.USERSPACE) {
                for (var layer : image.layers()) {
                    if (dirs.form(layer.diffId()).orElseThrow() != WhiteoutForm.OVERLAY) {
                        throw new LayoutException(dirs.path(layer.diffId())
                                + ": whiteouts not in overlay form; the kernel cannot mount it");
                    }
                }
            }
            layers.put(image, l);
            LayerStack stack = LayerStack.of(l, cache);
            stack.view(Lookup.INDEXED).list(""); // the shared index of the stack's root, as the kernel's dcache has it
            stacks.put(image, stack);
        }
        this.containerOptions = ContainerOptions.defaults().with(options.copyUp());
    }

    /** The layer directories of {@code image}, bottom first. */
    List<Path> layers(Image image) {
        return layers.get(image);
    }

    @Override
    Instance make(String name, Image image, Path dir) throws IOException {
        if (union == Union.USERSPACE) {
            return new Userspace(name, dir, Container.open(stacks.get(image), dir, containerOptions));
        }
        MountedInstance m = MountedInstance.prepare(name, dir);
        if (union == Union.KERNEL) {
            Mount.overlay(layers.get(image), m.upper(), m.work(), m.merged());
        } else {
            Mount.fuseOverlay(layers.get(image), m.upper(), m.work(), m.merged());
        }
        return m;
    }

    @Override
    void unmake(Instance instance) throws IOException {
        if (instance instanceof MountedInstance m) {
            try {
                Mount.unmount(m.merged(), 0);
            } catch (PosixException e) {
                if (e.errno() != Errno.EINVAL) { // EINVAL: not mounted (any more): nothing to undo
                    throw e;
                }
            }
        }
    }

    /** A FUSE mount keeps page cache of its own for what its files showed, besides the layer files'. */
    @Override
    public List<Path> cacheMounts() {
        if (union != Union.FUSE) {
            return List.of();
        }
        return instances().stream().map(i -> ((MountedInstance) i).merged()).toList();
    }

    /** A userspace union container. */
    private record Userspace(String name, Path dir, Container container) implements Instance {

        @Override
        public Optional<Path> resolve(String path) {
            return container.lookup(path).map(Node::realPath);
        }

        @Override
        public List<String> list(String dir) {
            return container.list(dir);
        }

        @Override
        public long modify(String path, byte[] data) throws IOException {
            long before = container.copiedUpBytes();
            container.write(path, 0, data);
            return container.copiedUpBytes() - before;
        }

        @Override
        public void add(String path, byte[] content) throws IOException {
            String prefix = "";
            String[] parts = path.split("/");
            for (int i = 0; i < parts.length - 1; i++) {
                prefix = prefix.isEmpty() ? parts[i] : prefix + "/" + parts[i];
                if (container.lookup(prefix).isEmpty()) {
                    container.mkdir(prefix, 0755);
                }
            }
            container.create(path, content, 0644);
        }
    }
}
