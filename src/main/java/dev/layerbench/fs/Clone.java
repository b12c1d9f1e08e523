package dev.layerbench.fs;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole-file clones with {@code ioctl(dst, FICLONE, src)}: the new file shares the source's extents (reflink) on
 * filesystems that can (XFS with reflink=1, btrfs), and the call fails with {@code EOPNOTSUPP}/{@code EXDEV} where they
 * cannot (ext4, across filesystems). No fallback: a caller that wants one chooses it.
 *
 * @see <a href="https://man7.org/linux/man-pages/man2/ioctl_ficlone.2.html">ioctl_ficlone(2)</a>
 */
public final class Clone {

    /** {@code _IOW(0x94, 9, int)} from linux/fs.h. */
    static final long FICLONE = 0x40049409L;

    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 02000000;

    // One holder class per C function, linked on first use, not when Clone loads.
    private static final class Open {
        static final MethodHandle H = Native.errnoCall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class Ioctl {
        static final MethodHandle H = Native.errnoCall(
                "ioctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT),
                Linker.Option.firstVariadicArg(2));
    }

    private Clone() {}

    /**
     * Creates {@code target} (which must not exist) as a clone of {@code source}, with permission bits {@code mode}.
     * On failure {@code target} is removed and a {@link PosixException} names the call and the reason.
     */
    public static void file(Path source, Path target, int mode) throws PosixException {
        int src;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Native.CAPTURE);
            src = (int) Open.H.invokeExact(
                    state, arena.allocateFrom(source.toString(), StandardCharsets.UTF_8), O_RDONLY | O_CLOEXEC);
            if (src < 0) {
                throw new PosixException(source.toString(), "open", Native.errno(state));
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        try {
            int dst = Posix.createFile(target, mode);
            boolean ok = false;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(Native.CAPTURE);
                int r = (int) Ioctl.H.invokeExact(state, dst, FICLONE, src);
                if (r < 0) {
                    throw new PosixException(target.toString(), "ioctl(FICLONE) from " + source, Native.errno(state));
                }
                ok = true;
            } catch (PosixException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            } finally {
                Posix.close(dst, target);
                if (!ok) {
                    try {
                        Files.deleteIfExists(target);
                    } catch (java.io.IOException ignored) {
                        // best effort: the clone failed before any data was shared
                    }
                }
            }
        } finally {
            Posix.close(src, source);
        }
    }
}
