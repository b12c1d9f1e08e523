package dev.layerbench.fs;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The one place this package links C functions (foreign function API, no JNI): a downcall handle by name from the C
 * library, with {@code errno} captured by the linker right after the call for the calls that set it. Callers keep a
 * handle in a holder class of its own, so it is linked (a few ms) on first use, not when the caller loads.
 *
 * <p>The calls an unpack makes per file go through {@link #sys}: one handle for {@code syscall(2)} with every
 * argument a {@code long}, so a JVM links and compiles one downcall stub for all of them instead of one per C function
 * (each stub spins classes through the ClassFile API and method handles that the JIT then compiles: in a new JVM that
 * unpacks a large layer, a measurable part of its CPU; results/startup/README.md, round 4).
 *
 * @see <a href="https://docs.oracle.com/en/java/javase/25/docs/api/java.base/java/lang/foreign/Linker.html">Linker</a>
 */
final class Native {

    /** The layout of the state a call with {@link #errnoCall} captures; allocate one per call and pass it first. */
    static final StructLayout CAPTURE = Linker.Option.captureStateLayout();

    private static final Linker LINKER = Linker.nativeLinker();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

    private Native() {}

    /** A handle for the C function {@code name}; an {@link UnsatisfiedLinkError} when the C library has none. */
    static MethodHandle call(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol =
                LINKER.defaultLookup().find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** As {@link #call}, with {@code errno} captured: the handle takes a {@link #CAPTURE} segment as its first argument. */
    static MethodHandle errnoCall(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = ERRNO_OPTION;
        System.arraycopy(extra, 0, options, 1, extra.length);
        return call(name, descriptor, options);
    }

    /**
     * System calls made through {@link #sys}, with their numbers on x86_64 and in the asm-generic table (aarch64,
     * riscv64, loongarch64), and the C library function of the same arguments used on any other architecture.
     */
    enum Sys {
        OPENAT(257, 56, "openat", false, 3),
        CLOSE(3, 57, "close", false, -1),
        FCHOWN(93, 55, "fchown", false, -1),
        FCHMOD(91, 52, "fchmod", false, -1),
        UTIMENSAT(280, 88, "utimensat", false, -1),
        MKNODAT(259, 33, "mknodat", false, -1),
        FCHOWNAT(260, 54, "fchownat", false, -1),
        /** The system call has no flags argument (glibc's {@code fchmodat} emulates them): three arguments. */
        FCHMODAT(268, 53, "fchmodat", false, -1),
        STATX(332, 291, "statx", false, -1),
        LSETXATTR(189, 6, "lsetxattr", false, -1),
        FSETXATTR(190, 7, "fsetxattr", false, -1),
        LGETXATTR(192, 9, "lgetxattr", true, -1),
        LLISTXATTR(195, 12, "llistxattr", true, -1),
        /** Linux 6.5; glibc has no wrapper: 451 in both tables, used on every architecture. */
        CACHESTAT(451, 451, null, true, -1),
        /**
         * Only {@link #libc}'s: {@code utimensat(fd, NULL, times, 0)}, which the kernel takes as {@code futimens(fd,
         * times)} and glibc's {@code utimensat} refuses (EINVAL for a null path), goes to glibc's {@code futimens}.
         */
        FUTIMENS(-1, -1, "futimens", false, -1);

        final long x86;
        final long generic;
        /** The C function for an architecture whose numbers are not here, or null to use the number anyway. */
        final String libc;
        /** Whether the C function returns {@code long} ({@code ssize_t}) rather than {@code int}. */
        final boolean longResult;
        /** The index of the C function's first variadic argument, or -1. */
        final int firstVariadic;

        Sys(long x86, long generic, String libc, boolean longResult, int firstVariadic) {
            this.x86 = x86;
            this.generic = generic;
            this.libc = libc;
            this.longResult = longResult;
            this.firstVariadic = firstVariadic;
        }
    }

    /** The system call table this machine uses: 'x' (x86_64), 'g' (asm-generic) or '?' (neither: the C functions). */
    private static final char TABLE = switch (System.getProperty("os.arch", "")) {
        case "amd64", "x86_64" -> 'x';
        case "aarch64", "riscv64", "loongarch64" -> 'g';
        default -> '?';
    };

    /** {@code long syscall(long number, ...)} with five more {@code long}s: the one stub {@link #sys} links. */
    private static final class Syscall {
        static final MethodHandle H = errnoCall(
                "syscall",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
    }

    /** The C functions, on an architecture without known numbers; linked on first use, each with five long arguments. */
    private static final AtomicReferenceArray<MethodHandle> LIBC = new AtomicReferenceArray<>(Sys.values().length);

    /**
     * Makes the system call {@code call} with arguments {@code a..e} (pointers as {@link MemorySegment#address()},
     * unused ones 0): the kernel's result, -1 with {@code errno} in {@code state} (a {@link #CAPTURE} segment) on failure.
     */
    static long sys(MemorySegment state, Sys call, long a, long b, long c, long d, long e) throws Throwable {
        if (TABLE != '?' || call.libc == null) {
            long number = TABLE == 'g' ? call.generic : call.x86;
            return (long) Syscall.H.invokeExact(state, number, a, b, c, d, e);
        }
        return libc(state, call, a, b, c, d, e);
    }

    /** As {@link #sys}, through the C library's function of that name (package-private: NativeTest calls it). */
    static long libc(MemorySegment state, Sys call, long a, long b, long c, long d, long e) throws Throwable {
        if (call == Sys.UTIMENSAT && b == 0) {
            return libc(state, Sys.FUTIMENS, a, c, 0, 0, 0);
        }
        if (call.libc == null) {
            throw new UnsupportedOperationException(call + " has no C library function");
        }
        MethodHandle h = LIBC.get(call.ordinal());
        if (h == null) {
            MemoryLayout[] args = new MemoryLayout[5];
            Arrays.fill(args, JAVA_LONG);
            FunctionDescriptor d5 = FunctionDescriptor.of(JAVA_LONG, args);
            h = call.firstVariadic >= 0
                    ? errnoCall(call.libc, d5, Linker.Option.firstVariadicArg(call.firstVariadic))
                    : errnoCall(call.libc, d5);
            LIBC.set(call.ordinal(), h);
        }
        long r = (long) h.invokeExact(state, a, b, c, d, e);
        return call.longResult ? r : (int) r;
    }

    /** The {@code errno} a call left in {@code state}. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }
}
