package dev.layerbench.layout;

import dev.layerbench.fs.Posix;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A flattened root filesystem read once (every entry's kind, mode, owner, time, symlink target, hard-link peer) so that
 * it can be replicated into many containers without walking it again.
 */
final class TreePlan {

    enum Kind {
        DIRECTORY,
        FILE,
        SYMLINK,
        HARDLINK,
        DEVICE
    }

    /**
     * @param path   relative path, "" for the root
     * @param link   a symlink's target, or for {@code HARDLINK} the path of the first entry with the same inode
     * @param source where the entry is in the template
     * @param rdev   a device node's or FIFO's {@code st_rdev}
     */
    record Entry(
            String path,
            Kind kind,
            int mode,
            int uid,
            int gid,
            FileTime mtime,
            String link,
            Path source,
            long size,
            long rdev) {
        Entry(String path, Kind kind, int mode, int uid, int gid, FileTime mtime, String link, Path source, long size) {
            this(path, kind, mode, uid, gid, mtime, link, source, size, 0);
        }
    }

    /** Makes one regular file of a container from its plan entry. */
    @FunctionalInterface
    interface FileMaker {
        void make(Entry e, Path target) throws IOException;
    }

    private final List<Entry> entries;

    private TreePlan(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    List<Entry> entries() {
        return entries;
    }

    /** Reads the tree at {@code root}, parents before children, names sorted. */
    static TreePlan of(Path root) throws IOException {
        List<Entry> out = new ArrayList<>();
        walk(root, "", out, new HashMap<>());
        return new TreePlan(out);
    }

    private static void walk(Path root, String rel, List<Entry> out, Map<Object, String> inodes) throws IOException {
        Path p = rel.isEmpty() ? root : root.resolve(rel);
        Map<String, Object> a = Files.readAttributes(
                p, "unix:mode,uid,gid,ino,dev,rdev,nlink,lastModifiedTime,size", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        int type = mode & Posix.S_IFMT;
        int uid = (Integer) a.get("uid");
        int gid = (Integer) a.get("gid");
        FileTime mtime = (FileTime) a.get("lastModifiedTime");
        long size = (Long) a.get("size");
        if (Files.isSymbolicLink(p)) {
            out.add(new Entry(
                    rel,
                    Kind.SYMLINK,
                    mode,
                    uid,
                    gid,
                    mtime,
                    Files.readSymbolicLink(p).toString(),
                    p,
                    size));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            out.add(new Entry(rel, Kind.DIRECTORY, mode, uid, gid, mtime, null, p, 0));
            TreeSet<String> names = new TreeSet<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
                s.forEach(c -> names.add(c.getFileName().toString()));
            }
            for (String n : names) {
                walk(root, rel.isEmpty() ? n : rel + "/" + n, out, inodes);
            }
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            String first =
                    (Integer) a.get("nlink") > 1 ? inodes.putIfAbsent(List.of(a.get("dev"), a.get("ino")), rel) : null;
            out.add(
                    first == null
                            ? new Entry(rel, Kind.FILE, mode, uid, gid, mtime, null, p, size)
                            : new Entry(rel, Kind.HARDLINK, mode, uid, gid, mtime, first, p, size));
        } else if (type == Posix.S_IFCHR || type == Posix.S_IFBLK || type == Posix.S_IFIFO) {
            out.add(new Entry(rel, Kind.DEVICE, mode, uid, gid, mtime, null, p, 0, (Long) a.get("rdev")));
        } else {
            throw new LayoutException(p + ": a socket (mode " + Integer.toOctalString(mode)
                    + ") in a flattened root filesystem; layouts copy directories, files, symlinks, devices and FIFOs");
        }
    }

    /**
     * Replicates the tree into {@code target} (which must not exist): directories and symlinks made here, regular
     * files by {@code files}, hard-link peers linked to their first entry; then owners (when root), modes and times.
     *
     * @param filesHaveAttributes whether {@code files} already gave each file its mode, owner and time
     */
    void replicate(Path target, FileMaker files, boolean filesHaveAttributes) throws IOException {
        replicate(target, files, filesHaveAttributes, null);
    }

    /**
     * As {@link #replicate(Path, FileMaker, boolean)}, with symlinks, device nodes and FIFOs made by {@code others}
     * (complete with their attributes, e.g. a hard link) instead of created here, when it is not null.
     */
    void replicate(Path target, FileMaker files, boolean filesHaveAttributes, FileMaker others) throws IOException {
        boolean root = Posix.isRoot();
        for (Entry e : entries) {
            Path t = e.path().isEmpty() ? target : target.resolve(e.path());
            switch (e.kind()) {
                case DIRECTORY -> Files.createDirectory(t);
                case FILE -> {
                    files.make(e, t);
                    if (!filesHaveAttributes) {
                        attributes(e, t, root);
                    }
                }
                case HARDLINK -> Files.createLink(t, target.resolve(e.link()));
                case SYMLINK, DEVICE -> {
                    if (others != null) {
                        others.make(e, t);
                    } else {
                        create(e, t, root);
                    }
                }
            }
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.kind() == Kind.DIRECTORY) {
                attributes(e, e.path().isEmpty() ? target : target.resolve(e.path()), root);
            }
        }
    }

    /** Makes a symlink, device node or FIFO with its owner, mode and time. */
    private static void create(Entry e, Path t, boolean root) throws IOException {
        switch (e.kind()) {
            case DEVICE -> {
                long dev = e.rdev();
                int major = (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
                int minor = (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
                Posix.mknod(t, e.mode() & Posix.S_IFMT, e.mode(), major, minor);
                attributes(e, t, root);
            }
            case SYMLINK -> {
                Files.createSymbolicLink(t, Path.of(e.link()));
                if (root) {
                    Posix.lchown(t, e.uid(), e.gid());
                }
                Posix.lutimes(
                        t,
                        e.mtime().toInstant().getEpochSecond(),
                        e.mtime().toInstant().getNano());
            }
            default -> throw new IllegalArgumentException(e.kind() + " is not made by create");
        }
    }

    private static void attributes(Entry e, Path t, boolean root) throws IOException {
        if (root) {
            Posix.lchown(t, e.uid(), e.gid());
        }
        Posix.chmod(t, e.mode());
        Posix.lutimes(
                t, e.mtime().toInstant().getEpochSecond(), e.mtime().toInstant().getNano());
    }
}
