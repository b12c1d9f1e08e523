package dev.layerbench.fs;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The one place this package links C functions (foreign function API, no JNI): a downcall handle by name from the C
 * library, with {@code errno} captured by the linker right after the call for the calls that set it. Callers keep a
 * handle in a holder class of its own, so it is linked (a few ms) on first use, not when the caller loads.
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

    /** The {@code errno} a call left in {@code state}. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }
}
