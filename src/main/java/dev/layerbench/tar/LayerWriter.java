package dev.layerbench.tar;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes one OCI layer tar to a stream, deterministically, hashing the tar (diff_id) and the blob (digest) while it
 * writes. The caller's stream is decorated, not owned: {@link #finish()} completes the tar and the compressed frame
 * and flushes, but does not close it.
 *
 * <pre>{@code
 * try (LayerWriter w = LayerWriter.open(out, LayerWriterOptions.of(Compression.GZIP))) {
 *     w.add(TarEntry.dir("etc"));
 *     w.add(TarEntry.file("etc/hostname", "box\n".getBytes(UTF_8)));
 *     LayerDigests d = w.finish();
 * }
 * }</pre>
 */
public final class LayerWriter implements AutoCloseable {

    /** PAX record prefix for extended attributes, as GNU tar, bsdtar and Go's archive/tar write them; values are bytes. */
    public static final String PAX_XATTR_PREFIX = "SCHILY.xattr.";

    private final LayerOutput output;
    private final PaxTarOutputStream tar;
    private final Set<String> files = new HashSet<>();
    private int entries;
    private LayerDigests result;

    private LayerWriter(OutputStream out, LayerWriterOptions options) throws IOException {
        this.output = LayerOutput.open(out, options);
        this.tar = new PaxTarOutputStream(output);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** Starts a layer on {@code out} (entries {@link LayerWriterOptions.Order#AS_GIVEN}). */
    public static LayerWriter open(OutputStream out, LayerWriterOptions options) throws IOException {
        if (options.order() != LayerWriterOptions.Order.AS_GIVEN) {
            throw new IllegalArgumentException(
                    "a streaming LayerWriter writes entries as given; use LayerWriter.write to sort");
        }
        return new LayerWriter(out, options);
    }

    /** Writes a whole layer, sorting the entries by path first when the options say so. */
    public static LayerDigests write(OutputStream out, List<TarEntry> entries, LayerWriterOptions options)
            throws IOException {
        List<TarEntry> ordered = entries;
        if (options.order() == LayerWriterOptions.Order.SORTED) {
            ordered = new ArrayList<>(entries);
            ordered.sort(Comparator.comparing(e -> e.path().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
        }
        try (LayerWriter w = new LayerWriter(out, options)) {
            for (TarEntry e : ordered) {
                w.add(e);
            }
            return w.finish();
        }
    }

    /**
     * Appends an entry.
     *
     * @throws IllegalArgumentException when a hard link names a file not written before it in this tar
     */
    public void add(TarEntry e) throws IOException {
        if (result != null) {
            throw new IllegalStateException("layer already finished");
        }
        if (e.type() == EntryType.HARDLINK && !files.contains(e.linkTarget())) {
            throw new IllegalArgumentException(e.path() + ": hard link to " + e.linkTarget()
                    + ", which is not a regular file earlier in this layer");
        }
        TarArchiveEntry h = switch (e.type()) {
            case FILE -> new TarArchiveEntry(e.path(), TarConstants.LF_NORMAL);
            case DIRECTORY -> new TarArchiveEntry(e.path() + "/", TarConstants.LF_DIR);
            case SYMLINK -> new TarArchiveEntry(e.path(), TarConstants.LF_SYMLINK);
            case HARDLINK -> new TarArchiveEntry(e.path(), TarConstants.LF_LINK);
        };
        h.setMode(e.type().typeBits() | e.mode());
        h.setUserId(e.uid());
        h.setGroupId(e.gid());
        h.setUserName("");
        h.setGroupName("");
        h.setDevMajor(0);
        h.setDevMinor(0);
        h.setLastModifiedTime(FileTime.from(e.mtime(), TimeUnit.SECONDS));
        h.setSize(e.size());
        if (!e.linkTarget().isEmpty()) {
            h.setLinkName(e.linkTarget());
        }
        Map<String, byte[]> xattrs = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> x : e.xattrs().entrySet()) {
            xattrs.put(PAX_XATTR_PREFIX + x.getKey(), x.getValue());
        }
        tar.putArchiveEntry(h, xattrs);
        if (e.size() > 0) {
            CountingOutputStream counted = new CountingOutputStream(tar);
            e.content().writeTo(counted);
            if (counted.count != e.size()) {
                throw new IllegalStateException(
                        e.path() + ": content wrote " + counted.count + " bytes, said " + e.size());
            }
        }
        tar.closeArchiveEntry();
        if (e.type() == EntryType.FILE) {
            files.add(e.path());
        }
        entries++;
    }

    /** Ends the tar (two zero records, padded to the block size) and the compressed frame; returns the digests. */
    public LayerDigests finish() throws IOException {
        if (result == null) {
            tar.finish();
            tar.flush();
            result = output.finish(entries);
        }
        return result;
    }

    /** Releases the compressor; the caller's stream stays open. A layer not finished is left incomplete. */
    @Override
    public void close() throws IOException {
        if (result == null) {
            output.close();
        }
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
