package dev.layerbench.fs;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@code mount(2)} and {@code umount2(2)} through the foreign function API (root only), for kernel overlay mounts made
 * without starting a {@code mount} process, and the mounts this process sees ({@code /proc/self/mountinfo}).
 *
 * @see <a href="https://man7.org/linux/man-pages/man2/mount.2.html">mount(2)</a>
 * @see <a href="https://docs.kernel.org/filesystems/overlayfs.html">overlayfs</a>
 */
public final class Mount {

    /** {@code MNT_DETACH}: lazy unmount. */
    public static final int MNT_DETACH = 2;

    // One holder class per C function, linked on first use: reading /proc/self/mountinfo (Trees.delete) links nothing.
    private static final class MountCall {
        static final MethodHandle H = Native.errnoCall(
                "mount", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    }

    private static final class Umount2 {
        static final MethodHandle H = Native.errnoCall("umount2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    private Mount() {}

    /**
     * Mounts an overlay at {@code target}: {@code lower} bottom first (the kernel wants the top first: reversed here),
     * {@code upper} and {@code work} on one filesystem.
     */
    public static void overlay(List<Path> lowerBottomFirst, Path upper, Path work, Path target) throws PosixException {
        overlay(lowerBottomFirst, List.of(), upper, work, target, "");
    }

    /**
     * The most option text mount(2) passes to a filesystem: one page (less its terminating NUL). A deeper stack of long
     * paths names its layers through descriptors instead ({@link #overlay(List, List, Path, Path, Path, String)}).
     */
    static final int OPTIONS_MAX = 4095;

    /**
     * Mounts an overlay at {@code target} whose lower layers are {@code lowerBottomFirst} and, below them,
     * {@code dataOnly} data-only layers ({@code lowerdir=L2:L1::D1}, Linux 6.5+: only reached through a metacopy
     * file's {@code trusted.overlay.redirect}), with {@code extra} options appended ({@code metacopy=on}).
     */
    public static void overlay(
            List<Path> lowerBottomFirst, List<Path> dataOnly, Path upper, Path work, Path target, String extra)
            throws PosixException {
        List<String> lower = new ArrayList<>();
        for (Path p : lowerBottomFirst) {
            lower.add(escape(p.toAbsolutePath().toString()));
        }
        List<String> data = new ArrayList<>();
        for (Path d : dataOnly) {
            data.add(escape(d.toAbsolutePath().toString()));
        }
        String options = overlayOptions(lower, data, upper, work, extra);
        if (options.length() <= OPTIONS_MAX) {
            mount("overlay", target, "overlay", 0, options);
            return;
        }
        // too long for one page (64 layers of 150-byte paths): each layer by an open descriptor, /proc/self/fd/N, which
        // overlayfs resolves when mounting; the descriptors are closed after
        List<Integer> fds = new ArrayList<>();
        try {
            lower.clear();
            for (Path p : lowerBottomFirst) {
                fds.add(Posix.openRead(p));
                lower.add("/proc/self/fd/" + fds.getLast());
            }
            data.clear();
            for (Path d : dataOnly) {
                fds.add(Posix.openRead(d));
                data.add("/proc/self/fd/" + fds.getLast());
            }
            options = overlayOptions(lower, data, upper, work, extra);
            if (options.length() > OPTIONS_MAX) {
                throw new PosixException(
                        target.toString(),
                        "mount -t overlay (" + lowerBottomFirst.size()
                                + " layers: options over one page even by descriptor)",
                        Errno.EINVAL);
            }
            mount("overlay", target, "overlay", 0, options);
        } finally {
            for (int fd : fds) {
                Posix.close(fd, target);
            }
        }
    }

    private static String overlayOptions(
            List<String> lowerBottomFirst, List<String> dataOnly, Path upper, Path work, String extra) {
        List<String> lower = new ArrayList<>(lowerBottomFirst);
        Collections.reverse(lower);
        StringBuilder data = new StringBuilder("lowerdir=").append(String.join(":", lower));
        for (String d : dataOnly) {
            data.append("::").append(d);
        }
        data.append(",upperdir=")
                .append(escape(upper.toAbsolutePath().toString()))
                .append(",workdir=")
                .append(escape(work.toAbsolutePath().toString()));
        if (!extra.isEmpty()) {
            data.append(',').append(extra);
        }
        return data.toString();
    }

    /**
     * Mounts the filesystem image {@code image} of {@code type} (erofs) read-only on {@code target} through a loop
     * device ({@code mount -t TYPE -o loop,ro}; the loop device goes with the unmount).
     */
    public static void loopReadOnly(Path image, String type, Path target) throws IOException {
        Programs.run(List.of(
                "mount",
                "-t",
                type,
                "-o",
                "loop,ro",
                image.toAbsolutePath().toString(),
                target.toAbsolutePath().toString()));
    }

    /**
     * Unmounts every mount at or under {@code dir}, deepest first, detached ({@code MNT_DETACH}) so that a busy one
     * goes as soon as it is no longer used: what a killed run left behind.
     *
     * @return how many were unmounted
     */
    public static int unmountAll(Path dir) throws IOException {
        List<Path> mounts = new ArrayList<>(under(dir));
        mounts.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        int n = 0;
        for (Path m : mounts) {
            try {
                unmount(m, MNT_DETACH);
                n++;
            } catch (PosixException e) {
                if (e.errno() != Errno.EINVAL && e.errno() != Errno.ENOENT) {
                    throw e;
                }
            }
        }
        return n;
    }

    /**
     * Mounts the overlay {@code lowerBottomFirst} + {@code upper} at {@code target} in userspace with fuse-overlayfs
     * (the program forks a daemon that serves the mount until it is unmounted).
     */
    public static void fuseOverlay(List<Path> lowerBottomFirst, Path upper, Path work, Path target) throws IOException {
        List<String> lower = new ArrayList<>();
        for (Path p : lowerBottomFirst) {
            lower.add(escape(p.toAbsolutePath().toString()));
        }
        Collections.reverse(lower);
        Programs.run(List.of(
                "fuse-overlayfs",
                "-o",
                "lowerdir=" + String.join(":", lower) + ",upperdir="
                        + escape(upper.toAbsolutePath().toString()) + ",workdir="
                        + escape(work.toAbsolutePath().toString()),
                target.toAbsolutePath().toString()));
    }

    /** Calls {@code mount(source, target, type, flags, data)}. */
    public static void mount(String source, Path target, String type, long flags, String data) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Native.CAPTURE);
            MemorySegment options =
                    data == null ? MemorySegment.NULL : arena.allocateFrom(data, StandardCharsets.UTF_8);
            int r = (int) MountCall.H.invokeExact(
                    state,
                    arena.allocateFrom(source, StandardCharsets.UTF_8),
                    arena.allocateFrom(target.toString(), StandardCharsets.UTF_8),
                    arena.allocateFrom(type, StandardCharsets.UTF_8),
                    flags,
                    options);
            if (r != 0) {
                throw new PosixException(target.toString(), "mount -t " + type, Native.errno(state));
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("mount failed", t);
        }
    }

    /** Calls {@code umount2(target, flags)}. */
    public static void unmount(Path target, int flags) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Native.CAPTURE);
            int r = (int)
                    Umount2.H.invokeExact(state, arena.allocateFrom(target.toString(), StandardCharsets.UTF_8), flags);
            if (r != 0) {
                throw new PosixException(target.toString(), "umount2", Native.errno(state));
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("umount2 failed", t);
        }
    }

    /** Mount points this process sees at or under {@code dir} (from /proc/self/mountinfo, octal escapes decoded). */
    public static List<Path> under(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        List<Path> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (f.length > 4) {
                Path p = Path.of(unescape(f[4]));
                if (p.startsWith(d)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Whether the kernel lists overlay among its filesystems (it may still be a module not loaded yet). */
    public static Optional<Boolean> overlayKnown() {
        return known("overlay");
    }

    /** Whether the kernel lists {@code type} in /proc/filesystems (a module not loaded yet is not listed). */
    public static Optional<Boolean> known(String type) {
        try {
            return Optional.of(Files.readString(Path.of("/proc/filesystems")).contains("\t" + type + "\n"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Overlay option values separate fields with ',' and ':'; the kernel takes a backslash escape. */
    private static String escape(String path) {
        return path.replace("\\", "\\\\").replace(",", "\\,").replace(":", "\\:");
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
