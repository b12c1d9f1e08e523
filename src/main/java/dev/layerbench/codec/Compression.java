package dev.layerbench.codec;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The compressions a layer blob can have, each with its magic bytes and its stream decorators. */
public enum Compression {
    /** A plain tar. */
    NONE(new byte[0]),
    /** gzip, RFC 1952: {@code 1f 8b}. */
    GZIP(new byte[] {0x1f, (byte) 0x8b}),
    /** zstd frame, RFC 8878: {@code 28 b5 2f fd}. */
    ZSTD(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});

    /** Bytes enough to tell every codec apart. */
    public static final int MAGIC_LENGTH = 4;

    private static final int BUFFER = 256 * 1024;

    private final byte[] magic;

    Compression(byte[] magic) {
        this.magic = magic;
    }

    /** Recognises a codec from the first bytes of a blob; anything without a known magic is {@link #NONE}. */
    public static Compression detect(byte[] head, int length) {
        for (Compression c : new Compression[] {GZIP, ZSTD}) {
            if (c.matches(head, length)) {
                return c;
            }
        }
        return NONE;
    }

    /** Whether the first bytes carry this codec's magic ({@link #NONE} matches anything). */
    public boolean matches(byte[] head, int length) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Peeks at the head of a stream (which must support mark/reset) to recognise its codec, leaving the stream where
     * it was.
     */
    public static Compression detect(InputStream markable) throws IOException {
        if (!markable.markSupported()) {
            throw new IllegalArgumentException("detect needs a stream that supports mark/reset");
        }
        markable.mark(MAGIC_LENGTH);
        byte[] head = markable.readNBytes(MAGIC_LENGTH);
        markable.reset();
        return detect(head, head.length);
    }

    /** Decorates a compressed stream with its decompressor; closing the result closes {@code in}. */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case ZSTD -> new BufferedInputStream(new ZstdInputStream(in).setContinuous(false), BUFFER);
        };
    }

    /** Decorates a stream with this compressor at its default level; closing the result finishes and closes {@code out}. */
    public OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out, BUFFER);
            case ZSTD -> new ZstdOutputStream(out, 3);
        };
    }

    /** The lowercase name used in media types and on the command line: none, gzip, zstd. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
