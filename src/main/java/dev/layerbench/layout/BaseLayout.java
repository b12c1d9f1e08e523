package dev.layerbench.layout;

import dev.layerbench.fs.Trees;
import dev.layerbench.image.Image;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every layout shares: its workspace, the containers it made, removal of everything on close. */
abstract class BaseLayout implements Layout {

    protected final Workspace ws;
    protected final LayoutOptions options;
    private final Map<String, Instance> live = new LinkedHashMap<>();

    BaseLayout(Workspace ws, LayoutOptions options) {
        this.ws = ws;
        this.options = options;
    }

    /** Makes the container in {@code dir} (which does not exist yet). */
    abstract Instance make(String name, Image image, Path dir) throws IOException;

    /** Undoes what only this container holds outside its directory (a mount); its directory is deleted after. */
    void unmake(Instance instance) throws IOException {}

    /** Releases what the shared base holds outside its files (mounts of its images), before the layout is deleted. */
    void releaseBase() throws IOException {}

    @Override
    public LayoutKind kind() {
        return ws.kind();
    }

    @Override
    public Path dir() {
        return ws.dir();
    }

    @Override
    public Path base() {
        return ws.base();
    }

    @Override
    public List<Image> images() {
        return ws.images();
    }

    @Override
    public Instance create(String name, Image image) throws IOException {
        if (!ws.images().contains(image)) {
            throw new LayoutException(image.ref() + ": not an image this layout was opened with");
        }
        Path dir = ws.container(name);
        if (live.containsKey(name) || Files.exists(dir)) {
            throw new FileAlreadyExistsException(dir.toString(), null, "a container of this name exists");
        }
        Instance i;
        try {
            i = make(name, image, dir);
        } catch (IOException | RuntimeException e) {
            Trees.delete(dir);
            throw e;
        }
        live.put(name, i);
        return i;
    }

    @Override
    public void remove(Instance instance) throws IOException {
        if (live.get(instance.name()) != instance) {
            throw new LayoutException(instance.name() + ": not a container of this layout");
        }
        unmake(instance);
        Trees.delete(instance.dir());
        live.remove(instance.name());
    }

    @Override
    public List<Instance> instances() {
        return List.copyOf(live.values());
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Instance i : new ArrayList<>(live.values())) {
            try {
                remove(i);
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first; // leave the base in place: a container may still use it
        }
        releaseBase();
        ws.delete();
    }
}
