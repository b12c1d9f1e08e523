package dev.layerbench.layout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The program interpreter ({@code PT_INTERP}, e.g. {@code /lib64/ld-linux-x86-64.so.2}) a 64-bit little-endian ELF
 * executable names: the kernel opens it in {@code execve} itself, so no {@code openat} of a trace shows it.
 */
final class ElfInterpreter {

    private static final int PT_INTERP = 3;

    private ElfInterpreter() {}

    /** The interpreter's path, or empty for anything else (a script, a static binary, a 32-bit or big-endian ELF). */
    static Optional<String> of(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            if (ch.read(h, 0) < 64 || h.getInt(0) != 0x464c457f || h.get(4) != 2 || h.get(5) != 1) {
                return Optional.empty();
            }
            long phoff = h.getLong(32);
            int phentsize = Short.toUnsignedInt(h.getShort(54));
            int phnum = Short.toUnsignedInt(h.getShort(56));
            ByteBuffer ph = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < phnum && phentsize >= 56; i++) {
                ph.clear();
                if (ch.read(ph, phoff + (long) i * phentsize) < 56) {
                    return Optional.empty();
                }
                if (ph.getInt(0) == PT_INTERP) {
                    long off = ph.getLong(8);
                    long size = ph.getLong(32);
                    if (size <= 1 || size > 4096) {
                        return Optional.empty();
                    }
                    ByteBuffer s = ByteBuffer.allocate((int) size);
                    ch.read(s, off);
                    String path = new String(s.array(), 0, (int) size - 1, StandardCharsets.UTF_8);
                    return Optional.of(path.startsWith("/") ? path.substring(1) : path);
                }
            }
            return Optional.empty();
        }
    }
}
