package dev.layerbench.tar;

import dev.layerbench.codec.Compression;
import dev.layerbench.digest.DigestingOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import com.github.luben.zstd.ZstdOutputStream;
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

    /** PAX record prefix for extended attributes, as GNU tar, bsdtar and Go's archive/tar write them. */
    public static final String PAX_XATTR_PREFIX = "SCHILY.xattr.";
    private static final int BUFFER = 256 * 1024;

    private final LayerWriterOptions options;
    private final DigestingOutputStream blob;
    private final OutputStream compressor;
    private final DigestingOutputStream tarBytes;
    private final TarArchiveOutputStream tar;
    private final Set<String> files = new HashSet<>();
    private int entries;
    private LayerDigests result;

    private LayerWriter(OutputStream out, LayerWriterOptions options) throws IOException {
        this.options = options;
        this.blob = new DigestingOutputStream(new Unclosable(out));
        this.compressor = compressor(blob, options);
        this.tarBytes = new DigestingOutputStream(compressor);
        this.tar = new TarArchiveOutputStream(tarBytes, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** Starts a layer on {@code out} (entries {@link LayerWriterOptions.Order#AS_GIVEN}). */
    public static LayerWriter open(OutputStream out, LayerWriterOptions options) throws IOException {
        if (options.order() != LayerWriterOptions.Order.AS_GIVEN) {
            throw new IllegalArgumentException("a streaming LayerWriter writes entries as given; use LayerWriter.write to sort");
        }
        return new LayerWriter(out, options);
    }

    /** Writes a whole layer, sorting the entries by path first when the options say so. */
    public static LayerDigests write(OutputStream out, List<TarEntry> entries, LayerWriterOptions options) throws IOException {
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
        for (Map.Entry<String, String> x : e.xattrs().entrySet()) {
            h.addPaxHeader(PAX_XATTR_PREFIX + x.getKey(), x.getValue());
        }
        tar.putArchiveEntry(h);
        if (e.size() > 0) {
            CountingOutputStream counted = new CountingOutputStream(tar);
            e.content().writeTo(counted);
            if (counted.count != e.size()) {
                throw new IllegalStateException(e.path() + ": content wrote " + counted.count + " bytes, said " + e.size());
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
            tarBytes.flush();
            if (compressor != blob) {
                compressor.close(); // ends the gzip member or zstd frame; blob's Unclosable keeps the caller's stream open
            }
            blob.flush();
            result = new LayerDigests(tarBytes.digest(), tarBytes.count(), options.compression(), blob.digest(),
                    blob.count(), entries);
        }
        return result;
    }

    /** Releases the compressor; the caller's stream stays open. A layer not finished is left incomplete. */
    @Override
    public void close() throws IOException {
        if (result == null) {
            try {
                tar.close();
            } catch (IOException | RuntimeException ignored) {
                // the layer is abandoned; the caller discards what was written
            }
        }
    }

    private static OutputStream compressor(OutputStream out, LayerWriterOptions options) throws IOException {
        return switch (options.compression()) {
            case NONE -> out;
            case GZIP -> new FixedLevelGzip(out, options.level());
            case ZSTD -> {
                ZstdOutputStream z = new ZstdOutputStream(out, options.level());
                z.setChecksum(false);
                yield z;
            }
        };
    }

    /**
     * java.util.zip's gzip at a chosen level. Its header is fixed (no mtime, no file name, OS byte constant), so the
     * output depends only on the input, the level and the zlib the JDK uses.
     */
    private static final class FixedLevelGzip extends GZIPOutputStream {
        FixedLevelGzip(OutputStream out, int level) throws IOException {
            super(out, BUFFER);
            def.setLevel(level);
        }
    }

    /** Keeps {@link #close()} from reaching the caller's stream. */
    private static final class Unclosable extends FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
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

    /** Exposed for messages: the compression this writer uses. */
    public Compression compression() {
        return options.compression();
    }
}
