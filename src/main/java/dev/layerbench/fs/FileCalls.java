package dev.layerbench.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * The calls by path that making a tree needs, two ways with the same effect: {@link #POSIX} through {@link Posix} (the
 * foreign function API: one system call each, but the first call linked in a JVM costs 40-60 ms and each further C
 * function 3-13 ms), and {@link #JDK} through {@code java.nio.file} (nothing to link; a call may take two or three
 * system calls, and a file is written through a channel, then its attributes set by path). A job of a few files is
 * done sooner the JDK's way, a large one the native way (results/startup/README.md).
 *
 * <p>Where the JDK cannot do what {@link Posix} does ({@link #lutimes} of a FIFO, a device or a directory this user may
 * not read, a time before 1970 or after 2262), {@link #JDK} calls {@link Posix}. Both follow a symlink in
 * {@link #chmod} and never elsewhere.
 */
public enum FileCalls {
    POSIX {
        @Override
        public int fileType(Path path) throws IOException {
            return Posix.fileType(path);
        }

        @Override
        public void lchown(Path path, int uid, int gid) throws IOException {
            Posix.lchown(path, uid, gid);
        }

        @Override
        public void chmod(Path path, int mode) throws IOException {
            Posix.chmod(path, mode);
        }

        @Override
        public void lutimes(Path path, long seconds, int nanos) throws IOException {
            Posix.lutimes(path, seconds, nanos);
        }

        @Override
        public void createFile(Path path, byte[] data, int length, int mode) throws IOException {
            int fd = Posix.createFile(path, mode);
            try {
                if (length > 0) {
                    Posix.write(fd, path, data, 0, length);
                }
            } finally {
                Posix.close(fd, path);
            }
        }
    },

    JDK {
        @Override
        public int fileType(Path path) throws IOException {
            BasicFileAttributes a;
            try {
                // the JDK reports ENOTDIR here as NoSuchFileException, as fileType's 0 for "absent" wants
                a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return 0;
            }
            if (a.isDirectory()) {
                return Posix.S_IFDIR;
            }
            if (a.isSymbolicLink()) {
                return Posix.S_IFLNK;
            }
            if (a.isRegularFile()) {
                return S_IFREG;
            }
            return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & Posix.S_IFMT;
        }

        @Override
        public void lchown(Path path, int uid, int gid) throws IOException {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public void chmod(Path path, int mode) throws IOException {
            Files.setAttribute(path, "unix:mode", mode & Posix.MODE_BITS); // chmod(2): follows, takes all 12 bits
        }

        @Override
        public void lutimes(Path path, long seconds, int nanos) throws IOException {
            BasicFileAttributeView view =
                    Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (seconds < 0 || seconds > MAX_SECONDS || view.readAttributes().isOther()) {
                // before 1970 (the JDK would set the epoch where the file system refuses it), beyond FileTime's
                // nanoseconds (2262), or a FIFO or device (the JDK opens the path to set its times: a FIFO would wait)
                Posix.lutimes(path, seconds, nanos);
                return;
            }
            FileTime t = FileTime.from(seconds * 1_000_000_000L + nanos, TimeUnit.NANOSECONDS);
            try {
                // opens the path (O_RDONLY|O_NOFOLLOW) and futimens; a symlink (ELOOP): utimensat(AT_SYMLINK_NOFOLLOW)
                view.setTimes(t, t, null);
            } catch (AccessDeniedException e) {
                Posix.lutimes(path, seconds, nanos); // unreadable to this user: utimensat needs no open
            }
        }

        @Override
        public void createFile(Path path, byte[] data, int length, int mode) throws IOException {
            try (FileChannel ch = FileChannel.open(
                    path,
                    java.util.Set.of(
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions(mode & 0777))))) {
                ByteBuffer b = ByteBuffer.wrap(data, 0, length);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        }
    };

    /** The file type bits of a regular file in {@code st_mode}. */
    static final int S_IFREG = 0100000;

    /** The most seconds after the epoch whose nanoseconds fit a {@code long} (with a second to spare). */
    static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;

    /**
     * The file type bits ({@code st_mode & S_IFMT}) of a path itself, not following a symlink, or 0 when nothing is
     * there (as {@link Posix#fileType}).
     */
    public abstract int fileType(Path path) throws IOException;

    /** Sets owner and group of a path, of the symlink itself when it is one. */
    public abstract void lchown(Path path, int uid, int gid) throws IOException;

    /** Sets all twelve mode bits; follows a symlink, as chmod(2) does. */
    public abstract void chmod(Path path, int mode) throws IOException;

    /** Sets access and modification times of a path, of the symlink itself when it is one. */
    public abstract void lutimes(Path path, long seconds, int nanos) throws IOException;

    /**
     * Creates a new regular file (never following a symlink, never opening an existing file), with permission bits
     * {@code mode} less the umask, holding {@code data[0, length)}, and closes it.
     */
    public abstract void createFile(Path path, byte[] data, int length, int mode) throws IOException;

    /** {@code rwxr-x---} for 0750: what {@link PosixFilePermissions#fromString} reads. */
    static String permissions(int mode) {
        char[] s = new char[9];
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s[i] = (mode & (0400 >> i)) != 0 ? letters.charAt(i) : '-';
        }
        return new String(s);
    }
}
