package dev.layerbench.container;

import dev.layerbench.fs.Posix;
import dev.layerbench.oci.EntryKind;
import dev.layerbench.oci.LayerPaths;
import dev.layerbench.oci.Whiteouts;
import dev.layerbench.union.LayerDir;
import dev.layerbench.union.LayerEntry;
import dev.layerbench.union.LayerStack;
import dev.layerbench.union.Lookup;
import dev.layerbench.union.Node;
import dev.layerbench.union.UnionView;
import dev.layerbench.unpack.WhiteoutForm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A container: a read-only {@link LayerStack} and its own writable upper directory, with overlayfs semantics. The
 * container is the only writer of its upper directory, so it keeps the upper's state in memory and reads stay as cheap
 * as the stack's indexed lookup plus a hash probe per path component. Not thread-safe: one container, one writer.
 */
public final class Container implements UnionView {

    private record Up(EntryKind kind, boolean opaque) {}

    private final LayerStack stack;
    private final UnionView lower;
    private final Path upper;
    private final ContainerOptions options;
    private final Map<String, Up> upperState = new HashMap<>();
    private final Map<String, Set<String>> upperChildren = new HashMap<>();
    private long copiedUpBytes;
    private int copyUps;

    private Container(LayerStack stack, Path upper, ContainerOptions options) {
        this.stack = stack;
        this.lower = stack.view(Lookup.INDEXED);
        this.upper = upper;
        this.options = options;
    }

    /** Opens a container on a stack with an upper directory that is new, empty, or this container's from before. */
    public static Container open(LayerStack stack, Path upper, ContainerOptions options) throws IOException {
        Files.createDirectories(upper);
        Container c = new Container(stack, upper.toAbsolutePath().normalize(), options);
        c.scanUpper("");
        return c;
    }

    public Path upper() {
        return upper;
    }

    public LayerStack stack() {
        return stack;
    }

    /** Bytes of file data copied up so far. */
    public long copiedUpBytes() {
        return copiedUpBytes;
    }

    /** Files, directories and links copied up so far. */
    public int copyUps() {
        return copyUps;
    }

    @Override
    public int depth() {
        return stack.depth() + 1;
    }

    /** The upper's entries, sorted by path: what a commit turns into a layer. */
    java.util.SortedMap<String, EntryKind> upperEntries() {
        java.util.TreeMap<String, EntryKind> out = new java.util.TreeMap<>();
        upperState.forEach((p, u) -> out.put(p, u.kind()));
        return out;
    }

    /** Whether an upper directory hides the lower layers' content of it. */
    boolean upperOpaque(String path) {
        Up u = upperState.get(path);
        return u != null && u.opaque();
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    @Override
    public Optional<Node> lookup(String path) {
        String p = LayerPaths.clean(path);
        if (p.isEmpty()) {
            return Optional.of(new Node("", EntryKind.DIRECTORY, 0755, 0, stack.depth(), upper));
        }
        boolean lowerHidden = false;
        int start = 0;
        while (true) {
            int slash = p.indexOf('/', start);
            String prefix = slash < 0 ? p : p.substring(0, slash);
            Up u = upperState.get(prefix);
            if (u != null) {
                if (u.kind() == EntryKind.WHITEOUT) {
                    return Optional.empty();
                }
                if (slash < 0) {
                    LayerEntry e = LayerDir.classify(upperPath(p), name(p));
                    return e == null
                            ? Optional.empty()
                            : Optional.of(new Node(p, e.kind(), e.mode(), e.size(), stack.depth(), e.path()));
                }
                if (u.kind() != EntryKind.DIRECTORY) {
                    return Optional.empty();
                }
                lowerHidden |= u.opaque();
            } else if (lowerHidden) {
                return Optional.empty();
            }
            if (slash < 0) {
                return lower.lookup(p);
            }
            start = slash + 1;
        }
    }

    @Override
    public List<String> list(String dir) {
        String p = LayerPaths.clean(dir);
        Optional<Node> n = lookup(p);
        if (n.isEmpty() || !n.get().isDirectory()) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        if (!lowerHidden(p)) {
            names.addAll(lower.list(p));
        }
        for (String child : upperChildren.getOrDefault(p, Set.of())) {
            Up u = upperState.get(LayerPaths.join(p, child));
            if (u.kind() == EntryKind.WHITEOUT) {
                names.remove(child);
            } else {
                names.add(child);
            }
        }
        return List.copyOf(names);
    }

    /** Whether the upper hides the lower layers at {@code p}: an opaque directory or a non-directory at or above it. */
    private boolean lowerHidden(String p) {
        String prefix = "";
        for (String part : LayerPaths.components(p)) {
            prefix = LayerPaths.join(prefix, part);
            Up u = upperState.get(prefix);
            if (u != null && (u.opaque() || u.kind() != EntryKind.DIRECTORY)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the lower layers show {@code p} once the upper's own entry at {@code p} is set aside. */
    private boolean inLower(String p) {
        String parent = parent(p);
        return !(parent != null && !parent.isEmpty() && lowerHidden(parent))
                && lower.lookup(p).isPresent();
    }

    // ---- writes ------------------------------------------------------------------------------------------------

    /** Creates a new regular file with the given content and permission bits. */
    public void create(String path, byte[] content, int mode) throws IOException {
        String p = requireNew(path);
        prepareNew(p);
        Path target = upperPath(p);
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(content));
            if (options.durability() == ContainerOptions.Durability.FSYNC) {
                ch.force(true);
            }
        }
        Posix.chmod(target, mode);
        record(p, new Up(EntryKind.FILE, false));
    }

    /** Writes bytes into an existing file at an offset, copying it up first if it is in a lower layer. */
    public void write(String path, long offset, byte[] data) throws IOException {
        Path target = copyUpFile(path);
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(data), offset);
            if (options.durability() == ContainerOptions.Durability.FSYNC) {
                ch.force(true);
            }
        }
    }

    /** Sets an entry's modification time (as {@code touch -h -d}), copying it up first: a metadata-only write. */
    public void utimes(String path, long epochSeconds) throws IOException {
        Posix.lutimes(copyUp(LayerPaths.clean(path)), epochSeconds, 0);
    }

    /** Truncates or extends an existing file, copying it up first. */
    public void truncate(String path, long size) throws IOException {
        Path target = copyUpFile(path);
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
            if (size < ch.size()) {
                ch.truncate(size);
            } else if (size > ch.size()) {
                ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
            if (options.durability() == ContainerOptions.Durability.FSYNC) {
                ch.force(true);
            }
        }
    }

    /** Makes a directory; one made where a lower directory was deleted is opaque. */
    public void mkdir(String path, int mode) throws IOException {
        String p = requireNew(path);
        boolean wasWhitedOut = prepareNew(p);
        Path target = upperPath(p);
        Files.createDirectory(target);
        Posix.chmod(target, mode);
        boolean opaque = wasWhitedOut || inLowerAnyKind(p);
        if (opaque) {
            markOpaque(target);
        }
        record(p, new Up(EntryKind.DIRECTORY, opaque));
    }

    /** Makes a symlink. */
    public void symlink(String path, String target) throws IOException {
        String p = requireNew(path);
        prepareNew(p);
        Files.createSymbolicLink(upperPath(p), Path.of(target));
        record(p, new Up(EntryKind.SYMLINK, false));
    }

    /** Deletes a path (a directory with everything in it); what a lower layer has there is hidden by a whiteout. */
    public void delete(String path) throws IOException {
        String p = LayerPaths.clean(path);
        if (p.isEmpty()) {
            throw new IOException("cannot delete the root of a container");
        }
        if (lookup(p).isEmpty()) {
            throw new NoSuchFileException(p, null, "not in the container");
        }
        Up u = upperState.get(p);
        if (u != null) {
            removeFromUpper(p);
        }
        if (inLower(p)) {
            ensureParentInUpper(p);
            whiteout(p);
        }
    }

    /** Renames a file or symlink (not a directory), replacing a non-directory at the target. */
    public void rename(String from, String to) throws IOException {
        String f = LayerPaths.clean(from);
        String t = LayerPaths.clean(to);
        Node n = lookup(f).orElseThrow(() -> new NoSuchFileException(f, null, "not in the container"));
        if (n.isDirectory()) {
            throw new IOException(
                    f + ": renaming directories is not supported (overlayfs without redirect_dir returns EXDEV)");
        }
        Optional<Node> existing = lookup(t);
        if (existing.isPresent()) {
            if (existing.get().isDirectory()) {
                throw new IOException(t + ": is a directory");
            }
            delete(t);
        }
        Path source = copyUp(f);
        String tt = requireNew(t);
        prepareNew(tt);
        Files.move(source, upperPath(tt));
        EntryKind kind = upperState.get(f).kind();
        forget(f);
        record(tt, new Up(kind, false));
        if (inLower(f)) {
            whiteout(f);
        }
    }

    /** Changes permission bits, copying up first. */
    public void chmod(String path, int mode) throws IOException {
        Path target = copyUp(LayerPaths.clean(path));
        if (!Files.isSymbolicLink(target)) {
            Posix.chmod(target, mode);
        }
    }

    /** Changes owner (needs root), copying up first. */
    public void chown(String path, int uid, int gid) throws IOException {
        Posix.lchown(copyUp(LayerPaths.clean(path)), uid, gid);
    }

    // ---- copy-up -----------------------------------------------------------------------------------------------

    private Path copyUpFile(String path) throws IOException {
        String p = LayerPaths.clean(path);
        Node n = lookup(p).orElseThrow(() -> new NoSuchFileException(p, null, "not in the container"));
        if (n.kind() != EntryKind.FILE) {
            throw new IOException(p + ": not a regular file");
        }
        return copyUp(p);
    }

    /** Copies a lower entry up (parents first), returning its upper path; an upper entry is returned as it is. */
    Path copyUp(String p) throws IOException {
        Node n = lookup(p).orElseThrow(() -> new NoSuchFileException(p, null, "not in the container"));
        Path target = upperPath(p);
        if (n.layer() == stack.depth()) {
            return target;
        }
        ensureParentInUpper(p);
        Path source = n.realPath();
        switch (n.kind()) {
            case FILE -> {
                options.copyUp().copy(source, target, n.mode());
                copiedUpBytes += n.size();
                if (options.durability() == ContainerOptions.Durability.FSYNC) {
                    try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
            }
            case SYMLINK -> Files.createSymbolicLink(target, Files.readSymbolicLink(source));
            case DIRECTORY -> Files.createDirectory(target);
            default -> throw new IOException(p + ": cannot copy up a " + n.kind());
        }
        copyAttributes(source, target, n);
        copyUps++;
        record(p, new Up(n.kind(), false));
        return target;
    }

    private void ensureParentInUpper(String p) throws IOException {
        String parent = parent(p);
        if (parent == null || parent.isEmpty()) {
            return;
        }
        Up u = upperState.get(parent);
        if (u != null && u.kind() == EntryKind.DIRECTORY) {
            return;
        }
        Node n = lookup(parent).orElseThrow(() -> new NoSuchFileException(parent, null, "parent not in the container"));
        if (!n.isDirectory()) {
            throw new NotDirectoryException(parent);
        }
        copyUp(parent);
    }

    /** Owner first (a chown clears set-id bits and file capabilities), then mode, xattrs and times. */
    private void copyAttributes(Path source, Path target, Node n) throws IOException {
        if (Posix.isRoot()) {
            int uid = (Integer) Files.getAttribute(source, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int gid = (Integer) Files.getAttribute(source, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            Posix.lchown(target, uid, gid);
        }
        if (n.kind() != EntryKind.SYMLINK) {
            Posix.chmod(target, n.mode());
        }
        copyXattrs(source, target);
        FileTime mtime = Files.getLastModifiedTime(source, LinkOption.NOFOLLOW_LINKS);
        Posix.lutimes(
                target, mtime.toInstant().getEpochSecond(), mtime.toInstant().getNano());
    }

    /**
     * Copies every xattr overlayfs would copy up (capabilities, ACLs, user, trusted, security), byte for byte, but not
     * overlayfs's own; one the upper's file system or this user cannot take is left out, as before.
     */
    private static void copyXattrs(Path source, Path target) throws IOException {
        for (Map.Entry<String, byte[]> x : Posix.lgetxattrs(source).entrySet()) {
            if (x.getKey().startsWith(Whiteouts.OVERLAY_XATTR_PREFIX)) {
                continue;
            }
            try {
                Posix.lsetxattr(target, x.getKey(), x.getValue());
            } catch (dev.layerbench.fs.PosixException e) {
                if (!dev.layerbench.fs.Errno.unsupported(e.errno())) {
                    throw e;
                }
            }
        }
    }

    // ---- upper bookkeeping -------------------------------------------------------------------------------------

    private String requireNew(String path) throws IOException {
        String p = LayerPaths.clean(path);
        if (p.isEmpty()) {
            throw new FileAlreadyExistsException("/");
        }
        if (lookup(p).isPresent()) {
            throw new FileAlreadyExistsException(p);
        }
        String parent = parent(p);
        if (parent != null && !parent.isEmpty()) {
            Node n = lookup(parent)
                    .orElseThrow(() -> new NoSuchFileException(parent, null, "no such directory in the container"));
            if (!n.isDirectory()) {
                throw new NotDirectoryException(parent);
            }
        }
        return p;
    }

    /** Gets the upper ready for a new entry at {@code p}: parents copied up, a whiteout there removed. */
    private boolean prepareNew(String p) throws IOException {
        ensureParentInUpper(p);
        Up u = upperState.get(p);
        if (u != null && u.kind() == EntryKind.WHITEOUT) {
            Files.delete(whiteoutPath(p));
            forget(p);
            return true;
        }
        return false;
    }

    private boolean inLowerAnyKind(String p) {
        String parent = parent(p);
        if (parent != null && !parent.isEmpty() && lowerHidden(parent)) {
            return false;
        }
        return lower.lookup(p).isPresent();
    }

    private void whiteout(String p) throws IOException {
        Path w = whiteoutPath(p);
        if (options.whiteouts() == WhiteoutForm.OVERLAY) {
            Posix.mknod(w, Posix.S_IFCHR, 0, 0, 0);
        } else {
            Files.createFile(w);
        }
        record(p, new Up(EntryKind.WHITEOUT, false));
    }

    private Path whiteoutPath(String p) {
        Path target = upperPath(p);
        return options.whiteouts() == WhiteoutForm.OVERLAY
                ? target
                : target.resolveSibling(Whiteouts.PREFIX + target.getFileName());
    }

    private void markOpaque(Path dir) throws IOException {
        if (options.whiteouts() == WhiteoutForm.OVERLAY) {
            Posix.lsetxattr(dir, Whiteouts.OVERLAY_OPAQUE_XATTR, "y".getBytes(StandardCharsets.US_ASCII));
        } else {
            Files.createFile(dir.resolve(Whiteouts.OPAQUE));
        }
    }

    private void removeFromUpper(String p) throws IOException {
        dev.layerbench.fs.Trees.delete(upperPath(p));
        String prefix = p + "/";
        upperState.keySet().removeIf(k -> k.startsWith(prefix));
        upperChildren.keySet().removeIf(k -> k.equals(p) || k.startsWith(prefix));
        forget(p);
    }

    private void record(String p, Up up) {
        upperState.put(p, up);
        String parent = parent(p);
        upperChildren
                .computeIfAbsent(parent == null ? "" : parent, k -> new TreeSet<>())
                .add(name(p));
    }

    private void forget(String p) {
        upperState.remove(p);
        String parent = parent(p);
        Set<String> siblings = upperChildren.get(parent == null ? "" : parent);
        if (siblings != null) {
            siblings.remove(name(p));
        }
    }

    /** Reads an existing upper directory's state: entries, whiteouts in either form, opaque directories. */
    private void scanUpper(String rel) throws IOException {
        Path dir = rel.isEmpty() ? upper : upper.resolve(rel);
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(children::add);
        }
        // An OCI whiteout beside a real entry of its name (a layer that whited out the lower entry and made its own):
        // the real entry stands, and a directory is then opaque, as the union view reads it (LayerDir).
        Set<String> whitedOut = new java.util.HashSet<>();
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (!name.equals(Whiteouts.OPAQUE) && name.startsWith(Whiteouts.PREFIX)) {
                whitedOut.add(name.substring(Whiteouts.PREFIX.length()));
            }
        }
        for (String hidden : whitedOut) {
            if (!Files.exists(dir.resolve(hidden), LinkOption.NOFOLLOW_LINKS)) {
                record(LayerPaths.join(rel, hidden), new Up(EntryKind.WHITEOUT, false));
            }
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (name.startsWith(Whiteouts.PREFIX)) {
                continue; // the opaque marker and the whiteouts: read above
            }
            LayerEntry e = LayerDir.classify(child, name);
            if (e == null) {
                continue;
            }
            String p = LayerPaths.join(rel, name);
            record(p, new Up(e.kind(), e.opaque() || e.kind() == EntryKind.DIRECTORY && whitedOut.contains(name)));
            if (e.kind() == EntryKind.DIRECTORY) {
                scanUpper(p);
            }
        }
    }

    private Path upperPath(String p) {
        return p.isEmpty() ? upper : upper.resolve(p);
    }

    private static String parent(String p) {
        int slash = p.lastIndexOf('/');
        return slash < 0 ? "" : p.substring(0, slash);
    }

    private static String name(String p) {
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
