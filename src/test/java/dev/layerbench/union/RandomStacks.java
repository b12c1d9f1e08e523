package dev.layerbench.union;

import dev.layerbench.fs.Posix;
import dev.layerbench.oci.EntryKind;
import dev.layerbench.oci.Whiteouts;
import dev.layerbench.unpack.WhiteoutForm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded random layer stacks on disk, in either whiteout form: files, directories, symlinks, hard links, whiteouts,
 * opaque directories and type changes, layer after layer. Keeps a model of the merged tree as it goes, used to pick
 * targets and as an oracle where the kernel's overlayfs is not available.
 */
public final class RandomStacks {

    /** An entry of the expected merged tree. */
    public record Expected(EntryKind kind, int mode, String content) {}

    private final Random random;
    private final WhiteoutForm form;
    private final TreeMap<String, Expected> model = new TreeMap<>();
    private final List<Path> layers = new ArrayList<>();
    private int counter;

    public RandomStacks(long seed, WhiteoutForm form) {
        this.random = new Random(seed);
        this.form = form;
    }

    public Map<String, Expected> model() {
        return model;
    }

    public List<Path> layers() {
        return layers;
    }

    /** Writes {@code depth} layers under {@code base} (named 0, 1, … to keep overlay mount options short). */
    public List<Path> build(Path base, int depth, int opsPerLayer) throws IOException {
        for (int i = 0; i < depth; i++) {
            Path layer = base.resolve(Integer.toString(i));
            Files.createDirectories(layer);
            layers.add(layer);
            int ops = i == 0 ? opsPerLayer * 4 : opsPerLayer;
            for (int k = 0; k < ops; k++) {
                op(layer, i == 0);
            }
        }
        return layers;
    }

    private void op(Path layer, boolean bottom) throws IOException {
        int choice = bottom ? random.nextInt(4) : random.nextInt(10);
        switch (choice) {
            case 0, 1 -> newFile(layer, pickDirOrNew());
            case 2 -> newDir(layer, pickDirOrNew() + "/d" + (counter++), false);
            case 3 -> newSymlink(layer, pickDirOrNew() + "/l" + (counter++));
            case 4 -> overwrite(layer);
            case 5 -> whiteoutSomething(layer);
            case 6 -> opaqueSomething(layer);
            case 7 -> typeChange(layer);
            case 8 -> hardLinks(layer, pickDirOrNew());
            default -> newFile(layer, pickDirOrNew());
        }
    }

    private String pickDirOrNew() {
        List<String> dirs = model.entrySet().stream()
                .filter(e -> e.getValue().kind() == EntryKind.DIRECTORY)
                .map(Map.Entry::getKey)
                .toList();
        if (dirs.isEmpty() || random.nextInt(5) == 0) {
            return "top" + random.nextInt(4);
        }
        return dirs.get(random.nextInt(dirs.size()));
    }

    private String pickExisting(EntryKind kind) {
        List<String> paths = model.entrySet().stream()
                .filter(e -> kind == null || e.getValue().kind() == kind)
                .map(Map.Entry::getKey)
                .toList();
        return paths.isEmpty() ? null : paths.get(random.nextInt(paths.size()));
    }

    private static final int[] FILE_MODES = {0644, 0600, 0755, 0640};
    private static final int[] DIR_MODES = {0755, 0750, 0700};

    private void newFile(Path layer, String dir) throws IOException {
        writeFile(layer, dir + "/f" + (counter++));
    }

    private void writeFile(Path layer, String p) throws IOException {
        ensureDirs(layer, parent(p));
        removeSubtree(p);
        Path f = layer.resolve(p);
        deleteOnDisk(f);
        String content = "content " + random.nextInt(1000) + " " + "x".repeat(random.nextInt(300));
        Files.writeString(f, content);
        int mode = FILE_MODES[random.nextInt(FILE_MODES.length)];
        Posix.chmod(f, mode);
        model.put(p, new Expected(EntryKind.FILE, mode, content));
    }

    private void newDir(Path layer, String p, boolean opaque) throws IOException {
        ensureDirs(layer, parent(p));
        Expected old = model.get(p);
        Path d = layer.resolve(p);
        // a directory made where the merged tree has none, over something a lower layer still has, must be opaque
        opaque |= old == null && lowerHas(layer, p);
        if (opaque || (old != null && old.kind() != EntryKind.DIRECTORY)) {
            removeSubtree(p);
            deleteOnDisk(d); // what this layer already had there goes too, so the model stays exact
        }
        if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
            deleteOnDisk(d);
            Files.createDirectory(d);
        }
        int mode = DIR_MODES[random.nextInt(DIR_MODES.length)];
        Posix.chmod(d, mode);
        if (opaque) {
            if (form == WhiteoutForm.OVERLAY) {
                Posix.lsetxattr(d, Whiteouts.OVERLAY_OPAQUE_XATTR, "y".getBytes(StandardCharsets.US_ASCII));
            } else {
                Files.createFile(d.resolve(Whiteouts.OPAQUE));
            }
        }
        model.put(p, new Expected(EntryKind.DIRECTORY, mode, null));
    }

    private void newSymlink(Path layer, String p) throws IOException {
        ensureDirs(layer, parent(p));
        removeSubtree(p);
        Path l = layer.resolve(p);
        deleteOnDisk(l);
        String target =
                random.nextBoolean() ? "../somewhere/" + random.nextInt(10) : "/top0/f" + random.nextInt(counter + 1);
        Files.createSymbolicLink(l, Path.of(target));
        model.put(p, new Expected(EntryKind.SYMLINK, 0777, target));
    }

    private void overwrite(Path layer) throws IOException {
        String p = pickExisting(EntryKind.FILE);
        if (p != null) {
            writeFile(layer, p);
        }
    }

    private void whiteoutSomething(Path layer) throws IOException {
        String p = pickExisting(null);
        if (p == null) {
            return;
        }
        ensureDirs(layer, parent(p));
        Path target = layer.resolve(p);
        deleteOnDisk(target);
        if (form == WhiteoutForm.OVERLAY) {
            Posix.mknod(target, Posix.S_IFCHR, 0, 0, 0);
        } else {
            Files.createFile(target.resolveSibling(Whiteouts.PREFIX + target.getFileName()));
        }
        removeSubtree(p);
    }

    private void opaqueSomething(Path layer) throws IOException {
        String p = pickExisting(EntryKind.DIRECTORY);
        if (p == null) {
            return;
        }
        newDir(layer, p, true);
        writeFile(layer, p + "/f" + (counter++));
    }

    private void typeChange(Path layer) throws IOException {
        String p = pickExisting(null);
        if (p == null) {
            return;
        }
        if (model.get(p).kind() == EntryKind.DIRECTORY) {
            writeFile(layer, p);
        } else {
            newDir(layer, p, false);
            writeFile(layer, p + "/f" + (counter++));
        }
    }

    private void hardLinks(Path layer, String dir) throws IOException {
        String a = dir + "/h" + (counter++);
        String b = dir + "/h" + (counter++);
        writeFile(layer, a);
        ensureDirs(layer, parent(b));
        removeSubtree(b);
        deleteOnDisk(layer.resolve(b));
        Files.createLink(layer.resolve(b), layer.resolve(a));
        model.put(b, model.get(a));
    }

    /** Makes the parents of a path directories in this layer, as a tar's implicit parents would be. */
    private void ensureDirs(Path layer, String dir) throws IOException {
        if (dir.isEmpty()) {
            return;
        }
        String prefix = "";
        for (String part : dir.split("/")) {
            prefix = prefix.isEmpty() ? part : prefix + "/" + part;
            Expected e = model.get(prefix);
            Path d = layer.resolve(prefix);
            if (e == null || e.kind() != EntryKind.DIRECTORY) {
                newDir(layer, prefix, false);
            } else if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                deleteOnDisk(d);
                Files.createDirectory(d);
                Posix.chmod(d, e.mode());
            }
        }
    }

    /** Whether a layer below this one has anything (entry or whiteout) at {@code p}. */
    private boolean lowerHas(Path layer, String p) {
        for (Path l : layers) {
            if (l.equals(layer)) {
                break;
            }
            Path x = l.resolve(p);
            if (Files.exists(x, LinkOption.NOFOLLOW_LINKS)
                    || Files.exists(x.resolveSibling(Whiteouts.PREFIX + x.getFileName()), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    private void removeSubtree(String p) {
        model.remove(p);
        model.subMap(p + "/", p + "/\uffff").clear();
    }

    private static void deleteOnDisk(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (var walk = Files.walk(p)) {
                for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(x);
                }
            }
        } else {
            Files.deleteIfExists(p);
        }
        Path oci = p.resolveSibling(Whiteouts.PREFIX + p.getFileName());
        Files.deleteIfExists(oci);
    }

    private static String parent(String p) {
        int slash = p.lastIndexOf('/');
        return slash < 0 ? "" : p.substring(0, slash);
    }
}
