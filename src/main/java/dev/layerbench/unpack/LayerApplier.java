package dev.layerbench.unpack;

import dev.layerbench.fs.Errno;
import dev.layerbench.fs.FileCalls;
import dev.layerbench.fs.Posix;
import dev.layerbench.fs.PosixException;
import dev.layerbench.fs.Trees;
import dev.layerbench.input.BadInputException;
import dev.layerbench.oci.LayerPaths;
import dev.layerbench.oci.Whiteouts;
import dev.layerbench.tar.PaxTarInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Applies layer tars, one after another, to one root directory (a staging directory the caller owns), following
 * image-spec layer.md: entries replace what is there (a directory over a directory only updates attributes),
 * whiteouts remove from the layers below but never what the same layer wrote, opaque markers hide the lower content of
 * their directory wherever they appear in the tar. Regular files go to {@link FileWriters}; everything else happens
 * on the calling thread, in tar order. Directory attributes are set at {@link #finish()}, deepest first, after all
 * content, so their mtimes stick and read-only directories can still be filled.
 */
final class LayerApplier implements AutoCloseable {

    /** Files up to this size are read whole and written on a writer thread; larger ones stream on this thread. */
    static final int HANDOFF_MAX = 1 << 20;

    private static final int BUFFER = 256 * 1024;

    private final Path root;
    private final UnpackOptions options;
    private final Skips skips = new Skips();
    private final FileWriters writers;
    /** The calls by path (the content of a file is written as {@link FileWriters} does); mknod and xattrs: Posix. */
    private final FileCalls calls;

    private final ConfinedResolver resolver;
    private final Map<Path, EntryMeta> directories = new HashMap<>();
    private final byte[] buffer = new byte[BUFFER];
    private final boolean perLayer;
    // per layer
    private final Set<Path> written = new HashSet<>();
    private final Set<Path> holdsWritten = new HashSet<>();
    /** Whether the root was empty when this applier began: then, for the first layer, it holds only what that layer wrote. */
    private boolean rootEmpty;

    private String where = "";
    private long entries;
    private long ownersNotApplied;

    LayerApplier(Path root, UnpackOptions options) {
        this.root = root;
        this.options = options;
        this.rootEmpty = isEmpty(root);
        // in a tree that was there before, nothing can be assumed of an entry's owner or mode
        this.calls = options.calls();
        this.writers = new FileWriters(
                options.writers(),
                options.owners(),
                calls,
                skips,
                rootEmpty ? NewFiles.below(root, calls) : NewFiles.NOTHING_KNOWN);
        this.resolver = new ConfinedResolver(root, writers::await);
        this.perLayer = options.whiteouts() != UnpackOptions.Whiteouts.APPLY;
    }

    /** Applies one uncompressed layer tar, read to the end of its archive; the caller drains and verifies the rest. */
    void apply(InputStream tar, String where, Runnable onEntry) throws IOException {
        this.where = where;
        written.clear();
        holdsWritten.clear();
        resolver.newLayer(rootEmpty);
        rootEmpty = false;
        PaxTarInputStream in = PaxTarInputStream.open(tar);
        long before = entries;
        for (TarArchiveEntry e; (e = next(in)) != null; ) {
            entries++;
            try {
                entry(e, in);
            } catch (BadInputException x) {
                throw x;
            } catch (FileSystemException x) {
                throw new UnpackException(where + ": entry " + quote(e.getName()) + ": " + oneLine(x), x);
            } catch (IOException | RuntimeException x) {
                throw new UnpackException(where + ": entry " + quote(e.getName()) + ": " + reason(x), x);
            }
            onEntry.run();
        }
        writers.barrier();
        if (entries == before && in.getBytesRead() == 0) {
            throw new UnpackException(where + ": not a tar: empty");
        }
    }

    /** Waits for every write and sets directory attributes, deepest first. */
    void finish() throws IOException {
        writers.barrier();
        List<Path> dirs = new ArrayList<>(directories.keySet());
        dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path d : dirs) {
            if (calls.fileType(d) != Posix.S_IFDIR) {
                continue; // removed or replaced by a later layer
            }
            EntryMeta m = directories.get(d);
            try {
                if (d.equals(root)) {
                    // its owner and mode are Staging's or the caller's, not what mkdir gave
                    if (options.owners() == UnpackOptions.Owners.APPLY) {
                        calls.lchown(d, m.uid(), m.gid());
                    }
                    calls.chmod(d, m.mode());
                } else {
                    owner(d, m);
                    if (!writers.newFiles().directoryHas(m.mode())) {
                        calls.chmod(d, m.mode());
                    }
                }
                calls.lutimes(d, m.mtimeSeconds(), m.mtimeNanos());
            } catch (IOException x) {
                throw new UnpackException(where + ": directory " + resolver.relative(d) + ": " + oneLine(x), x);
            }
        }
    }

    long entries() {
        return entries;
    }

    long ownersNotApplied() {
        return ownersNotApplied;
    }

    Map<String, Long> skipped() {
        return skips.snapshot();
    }

    private TarArchiveEntry next(PaxTarInputStream in) throws IOException {
        try {
            return in.getNextEntry();
        } catch (BadInputException x) {
            throw x;
        } catch (IOException | RuntimeException x) {
            throw new UnpackException(where + ": bad tar after " + entries + " entries: " + reason(x), x);
        }
    }

    // ---- one entry -------------------------------------------------------------------------------------------

    private void entry(TarArchiveEntry e, PaxTarInputStream in) throws IOException {
        if (e.isGlobalPaxHeader()) {
            return;
        }
        List<String> parts = LayerPaths.components(e.getName());
        EntryMeta meta = EntryMeta.of(e, in.xattrs());
        for (String problem : in.xattrs().problems()) {
            skips.add(problem);
        }
        if (meta.setsAcl()) {
            writers.assumeNoModes();
        }
        if (parts.isEmpty()) {
            if (e.isDirectory()) {
                FileWriters.setXattrs(root, meta, skips);
                directories.put(root, meta);
            } else {
                skips.add("entry names the root but is not a directory");
            }
            return;
        }
        String base = parts.getLast();
        if (!perLayer || options.whiteouts() == UnpackOptions.Whiteouts.KEEP_OVERLAY) {
            if (base.equals(Whiteouts.OPAQUE)) {
                opaque(parts);
                return;
            }
            if (base.startsWith(Whiteouts.RESERVED_PREFIX)) {
                skips.add("reserved .wh..wh. name");
                return;
            }
            if (base.startsWith(Whiteouts.PREFIX)) {
                whiteout(parts, Whiteouts.removedName(base));
                return;
            }
        }
        Path parent = resolver.directory(parts, parts.size() - 1, true);
        Path target = parent.resolve(base);
        if (e.isDirectory()) {
            directory(target, meta);
        } else if (e.isSymbolicLink()) {
            symlink(target, e.getLinkName(), meta);
        } else if (e.isLink()) {
            hardLink(target, e.getLinkName());
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            special(target, e, meta);
        } else if (e.isFile()) {
            file(target, e.getSize(), in, meta);
        } else {
            skips.add("unsupported entry type '" + (char) e.getLinkFlag() + "'");
            return;
        }
        markWritten(target);
        ownerCount(meta);
    }

    private void directory(Path target, EntryMeta meta) throws IOException {
        writers.await(target);
        boolean made = true;
        boolean overWhiteout = false;
        try {
            Files.createDirectory(target);
        } catch (FileAlreadyExistsException x) {
            overWhiteout = keepsOverlayWhiteouts() && isOverlayWhiteout(target);
            made = !replace(target, true);
            if (made) {
                Files.createDirectory(target);
            }
        }
        resolver.learn(target, made);
        FileWriters.setXattrs(target, meta, skips);
        if (overWhiteout) {
            markOpaque(
                    target); // this layer whited the lower directory out and made its own: the lower one stays hidden
        }
        directories.put(target, meta);
    }

    private boolean keepsOverlayWhiteouts() {
        return perLayer && options.whiteouts() == UnpackOptions.Whiteouts.KEEP_OVERLAY;
    }

    private static boolean isOverlayWhiteout(Path p) throws IOException {
        BasicFileAttributes a = ConfinedResolver.lstat(p);
        if (a == null || !a.isOther()) {
            return false;
        }
        Object rdev = Files.getAttribute(p, "unix:rdev", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        return FileCalls.JDK.fileType(p) == Posix.S_IFCHR && ((Long) rdev) == 0L;
    }

    private static void markOpaque(Path dir) throws IOException {
        Posix.lsetxattr(
                dir,
                Whiteouts.OVERLAY_OPAQUE_XATTR,
                Whiteouts.OVERLAY_OPAQUE_VALUE.getBytes(StandardCharsets.US_ASCII));
    }

    private void file(Path target, long size, PaxTarInputStream in, EntryMeta meta) throws IOException {
        if (size <= HANDOFF_MAX) {
            if (mayExist(target)) {
                replace(target, false);
            }
            int n = (int) size;
            byte[] data = writers.buffer(n);
            try {
                readFully(in, data, n);
            } catch (IOException | RuntimeException x) {
                writers.release(data);
                throw x;
            }
            writers.submit(target, data, n, meta);
            return;
        }
        int fd = create(target, writers.createMode(meta));
        try {
            long left = size;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new UnpackException(where + ": truncated: " + resolver.relative(target) + " declares " + size
                            + " bytes, the tar ends after " + (size - left));
                }
                Posix.write(fd, target, buffer, 0, n);
                left -= n;
            }
            writers.finish(fd, target, meta);
        } finally {
            Posix.close(fd, target);
        }
    }

    /** Creates a new empty file ({@code O_EXCL}, not following), replacing what was there. */
    private int create(Path target, int mode) throws IOException {
        writers.await(target);
        try {
            return Posix.createFile(target, mode);
        } catch (PosixException x) {
            if (x.errno() != Errno.EEXIST) {
                throw x;
            }
        }
        replace(target, false);
        return Posix.createFile(target, mode);
    }

    private void symlink(Path target, String linkName, EntryMeta meta) throws IOException {
        if (linkName.isEmpty()) {
            throw new UnpackException(where + ": symlink " + resolver.relative(target) + " has an empty target");
        }
        Path link = target.getFileSystem().getPath(linkName);
        writers.await(target);
        try {
            Files.createSymbolicLink(target, link);
        } catch (FileAlreadyExistsException x) {
            replace(target, false);
            Files.createSymbolicLink(target, link);
        }
        owner(target, meta);
        calls.lutimes(target, meta.mtimeSeconds(), meta.mtimeNanos());
        FileWriters.setXattrs(target, meta, skips);
    }

    private void hardLink(Path target, String linkName) throws IOException {
        List<String> parts = LayerPaths.components(linkName);
        if (parts.isEmpty()) {
            throw new UnpackException(where + ": hard link " + resolver.relative(target) + " points at the root");
        }
        Path dir = resolver.directory(parts, parts.size() - 1, false);
        Path source = dir == null ? null : dir.resolve(parts.getLast());
        if (source != null) {
            writers.await(source);
        }
        BasicFileAttributes a = source == null ? null : ConfinedResolver.lstat(source);
        if (a == null) {
            if (perLayer) {
                skips.add("hard link to a file of a lower layer");
                return;
            }
            throw new UnpackException(where + ": hard link " + resolver.relative(target) + " -> " + quote(linkName)
                    + ": no such file in this layer or below");
        }
        if (a.isDirectory()) {
            throw new UnpackException(
                    where + ": hard link " + resolver.relative(target) + " -> " + quote(linkName) + ": is a directory");
        }
        if (source.equals(target)) {
            return;
        }
        replace(target, false);
        Files.createLink(target, source);
    }

    private void special(Path target, TarArchiveEntry e, EntryMeta meta) throws IOException {
        replace(target, false);
        int type = e.isFIFO() ? Posix.S_IFIFO : e.isCharacterDevice() ? Posix.S_IFCHR : Posix.S_IFBLK;
        try {
            Posix.mknod(target, type, 0600, e.getDevMajor(), e.getDevMinor());
        } catch (PosixException x) {
            if (Errno.unsupported(x.errno())) {
                skips.add(e.isFIFO() ? "fifo not permitted" : "device node (needs root)");
                return;
            }
            throw x;
        }
        owner(target, meta);
        Posix.chmod(target, meta.mode());
        Posix.lutimes(target, meta.mtimeSeconds(), meta.mtimeNanos());
    }

    // ---- whiteouts -------------------------------------------------------------------------------------------

    private void whiteout(List<String> parts, String name) throws IOException {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            skips.add("whiteout with no name");
            return;
        }
        boolean keep = options.whiteouts() == UnpackOptions.Whiteouts.KEEP_OVERLAY;
        Path dir = resolver.directory(parts, parts.size() - 1, keep);
        if (dir == null) {
            return; // nothing below to remove
        }
        Path victim = dir.resolve(name);
        if (written.contains(victim) || holdsWritten.contains(victim)) {
            // a whiteout never removes what the same layer wrote; it still hides the lower layers' directory
            if (keep && calls.fileType(victim) == Posix.S_IFDIR) {
                markOpaque(victim);
            }
            return;
        }
        if (keep) {
            resolver.touched(dir);
            replace(victim, false);
            Posix.mknod(victim, Posix.S_IFCHR, 0, Whiteouts.OVERLAY_WHITEOUT_MAJOR, Whiteouts.OVERLAY_WHITEOUT_MINOR);
            return;
        }
        remove(victim);
    }

    private void opaque(List<String> parts) throws IOException {
        boolean keep = options.whiteouts() == UnpackOptions.Whiteouts.KEEP_OVERLAY;
        Path dir = resolver.directory(parts, parts.size() - 1, keep);
        if (dir == null) {
            return;
        }
        if (keep) {
            markOpaque(dir);
            return;
        }
        clearLower(dir);
    }

    /** Removes everything in {@code dir} that this layer did not write, keeping the way to what it did. */
    private void clearLower(Path dir) throws IOException {
        List<Path> children;
        try (var s = Files.list(dir)) {
            children = s.toList();
        }
        for (Path c : children) {
            if (written.contains(c) || holdsWritten.contains(c)) {
                BasicFileAttributes a = ConfinedResolver.lstat(c);
                if (a != null && a.isDirectory()) {
                    clearLower(c);
                }
            } else {
                remove(c);
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /**
     * Makes way for a new entry at {@code target}: removes what is there unless it is a
     * directory and {@code directory} is wanted. Returns whether an existing directory was kept.
     */
    private boolean replace(Path target, boolean directory) throws IOException {
        writers.await(target);
        int type = calls.fileType(target);
        if (type == 0) {
            return false;
        }
        if (directory && type == Posix.S_IFDIR) {
            return true;
        }
        remove(target);
        return false;
    }

    /** Removes a path and, when it is a directory, everything below it, never following a symlink. */
    private void remove(Path p) throws IOException {
        BasicFileAttributes a = ConfinedResolver.lstat(p);
        if (a == null) {
            return;
        }
        if (a.isDirectory()) {
            writers.barrier();
            Trees.delete(p);
            resolver.forget();
            directories.keySet().removeIf(d -> d.startsWith(p));
        } else {
            Files.delete(p);
        }
    }

    /**
     * Whether something may be at {@code target} already: not when its directory was made by this layer (or is the
     * root, empty before the first layer), this layer wrote nothing there by that name and the resolver made no
     * directory there on its way to another entry; this spares a stat per file.
     */
    private boolean mayExist(Path target) {
        return written.contains(target) || !resolver.isFresh(target.getParent()) || resolver.isKnownDirectory(target);
    }

    private static boolean isEmpty(Path dir) {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private void markWritten(Path target) {
        written.add(target);
        for (Path p = target.getParent(); p != null && !p.equals(root) && holdsWritten.add(p); p = p.getParent()) {
            // every directory on the way holds something this layer wrote
        }
    }

    /** Sets the owner of something this unpack made, not following a symlink, unless it has that owner already. */
    private void owner(Path p, EntryMeta m) throws IOException {
        if (options.owners() == UnpackOptions.Owners.APPLY
                && !writers.newFiles().owned(m.uid(), m.gid())) {
            calls.lchown(p, m.uid(), m.gid());
        }
    }

    private void ownerCount(EntryMeta m) {
        if (options.owners() == UnpackOptions.Owners.SKIP && (m.uid() != 0 || m.gid() != 0)) {
            ownersNotApplied++;
        }
    }

    private void readFully(InputStream in, byte[] data, int n) throws IOException {
        int done = 0;
        while (done < n) {
            int r = in.read(data, done, n - done);
            if (r < 0) {
                throw new UnpackException(
                        where + ": truncated: an entry declares " + n + " bytes, the tar ends after " + done);
            }
            done += r;
        }
    }

    static String quote(String s) {
        String shown = s.length() > 120 ? s.substring(0, 120) + "…" : s;
        return "\"" + shown.replace("\n", "\\n") + "\"";
    }

    static String reason(Throwable x) {
        String m = x.getMessage();
        if (x instanceof InvalidPathException) {
            m = "unusable name: " + m;
        }
        return (m == null ? x.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    private String oneLine(IOException x) {
        if (x instanceof FileSystemException f) {
            String file = f.getFile() == null
                    ? ""
                    : resolver.relative(root.getFileSystem().getPath(f.getFile())) + ": ";
            if (f.getFile() != null && !f.getFile().startsWith(root.toString())) {
                file = f.getFile() + ": ";
            }
            return file + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
        }
        return reason(x);
    }

    @Override
    public void close() {
        writers.close();
    }
}
