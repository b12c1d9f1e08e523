package dev.layerbench.unpack;

import dev.layerbench.codec.Compression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds layer tars in test code with commons-compress. */
final class TarBuilder {

    static final FileTime MTIME = FileTime.from(Instant.parse("2024-01-02T03:04:05Z"));

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    TarBuilder() {
        this(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    TarBuilder(int longFileMode) {
        tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(longFileMode);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    TarBuilder dir(String name) throws IOException {
        return dir(name, 0755);
    }

    TarBuilder dir(String name, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
        e.setMode(mode);
        return put(e, null);
    }

    TarBuilder file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    TarBuilder file(String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        e.setMode(mode);
        e.setSize(content.length);
        return put(e, content);
    }

    TarBuilder symlink(String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        e.setMode(0777);
        return put(e, null);
    }

    TarBuilder hardlink(String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
        e.setLinkName(target);
        e.setMode(0644);
        return put(e, null);
    }

    TarBuilder special(String name, byte type, int major, int minor) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setMode(0644);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return put(e, null);
    }

    TarBuilder put(TarArchiveEntry e, byte[] content) throws IOException {
        e.setLastModifiedTime(MTIME);
        return putAsIs(e, content);
    }

    /** Adds {@code e} with the times, owners and modes it has. */
    TarBuilder putAsIs(TarArchiveEntry e, byte[] content) throws IOException {
        tar.putArchiveEntry(e);
        if (content != null) {
            tar.write(content);
        }
        tar.closeArchiveEntry();
        return this;
    }

    byte[] build() throws IOException {
        tar.finish();
        tar.close();
        return bytes.toByteArray();
    }

    /** Builds and writes the tar compressed with {@code codec} to {@code file}. */
    Path write(Path file, Compression codec) throws IOException {
        byte[] t = build();
        try (OutputStream out = codec.compress(Files.newOutputStream(file))) {
            out.write(t);
        }
        return file;
    }

    static byte[] compress(byte[] tar, Compression codec) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream out = codec.compress(b)) {
            out.write(tar);
        }
        return b.toByteArray();
    }
}
