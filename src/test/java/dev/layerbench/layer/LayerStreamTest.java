package dev.layerbench.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.digest.Digest;
import dev.layerbench.digest.DigestMismatchException;
import dev.layerbench.testing.OciLayouts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LayerStreamTest {

    private static final String WHERE = "blobs/sha256/x (layer 0)";

    static byte[] tar() throws IOException {
        byte[] noise = new byte[300_000];
        new SplittableRandom(5).nextBytes(noise);
        return OciLayouts.tar(
                Map.of("a", "alpha", "b", new String(noise, java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    static LayerCheck checked(byte[] blob, byte[] tar) {
        return LayerCheck.of(WHERE).withDigest(Digest.of(blob), blob.length).withDiffId(Optional.of(Digest.of(tar)));
    }

    @Test
    void open_plainLayer_isHashedOnce() throws IOException {
        byte[] tar = tar();
        try (LayerStream in = LayerStream.open(new ByteArrayInputStream(tar), checked(tar, tar))) {
            assertArrayEquals(tar, in.readAllBytes());
            assertEquals(tar.length, in.verifyToEnd());
            assertEquals(Compression.NONE, in.compression());
            assertEquals(tar.length, in.hashedBytes(), "one hash serves as digest and diff_id");
            assertEquals(Digest.of(tar), in.diffId());
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Compression.class,
            names = {"GZIP", "ZSTD"})
    void open_compressedLayer_hashesBlobAndTarOnceEach(Compression c) throws IOException {
        byte[] tar = tar();
        byte[] blob = OciLayouts.compress(tar, c);
        LayerCheck check = checked(blob, tar).withCompression(c, "media type x");
        try (LayerStream in = LayerStream.open(new ByteArrayInputStream(blob), check)) {
            assertArrayEquals(tar, in.readAllBytes());
            assertEquals(tar.length, in.verifyToEnd());
            assertEquals(c, in.compression());
            assertEquals(blob.length, in.compressedCount());
            assertEquals((long) blob.length + tar.length, in.hashedBytes());
            assertEquals(Digest.of(tar), in.diffId());
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void verifyToEnd_wrongDigest_isOneLineNamingTheBlob(Compression c) throws IOException {
        byte[] tar = tar();
        byte[] blob = OciLayouts.compress(tar, c);
        LayerCheck check = checked(blob, tar).withDigest(Digest.of(new byte[] {1}), blob.length);
        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> readAll(blob, check));
        assertOneLine(e, WHERE + ": digest mismatch");
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void verifyToEnd_wrongDiffId_isOneLineNamingTheTar(Compression c) throws IOException {
        byte[] tar = tar();
        byte[] blob = OciLayouts.compress(tar, c);
        Digest wrong = Digest.of(new byte[] {2});
        LayerCheck check = checked(blob, tar).withDiffId(Optional.of(wrong));
        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> readAll(blob, check));
        assertOneLine(e, WHERE + " (diff_id): digest mismatch: expected " + wrong);
    }

    @Test
    void verifyToEnd_wrongSize_isRejected() throws IOException {
        byte[] tar = tar();
        LayerCheck check = checked(tar, tar).withDigest(Digest.of(tar), tar.length + 1);
        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> readAll(tar, check));
        assertOneLine(e, WHERE + ": digest mismatch");
    }

    @Test
    void verifyToEnd_everyReadAfterAMismatchFailsToo() throws IOException {
        byte[] tar = tar();
        LayerCheck check = checked(tar, tar).withDiffId(Optional.of(Digest.of(new byte[] {3})));
        try (LayerStream in = LayerStream.open(new ByteArrayInputStream(tar), check)) {
            assertThrows(DigestMismatchException.class, in::verifyToEnd);
            assertThrows(DigestMismatchException.class, in::read);
            assertThrows(IllegalStateException.class, in::diffId);
        }
    }

    @Test
    void open_compressionOtherThanDeclared_isOneLineAndClosesTheBlob() throws IOException {
        byte[] tar = tar();
        byte[] blob = OciLayouts.compress(tar, Compression.ZSTD);
        AtomicBoolean closed = new AtomicBoolean();
        InputStream source = new ByteArrayInputStream(blob) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        LayerException e = assertThrows(
                LayerException.class,
                () -> LayerStream.open(source, LayerCheck.of(WHERE).withCompression(Compression.GZIP, "media type g")));
        assertOneLine(e, WHERE + ": media type g says gzip but the content is zstd");
        assertTrue(closed.get());
    }

    @Test
    void read_truncatedGzip_isOneLineNamingTheCodec() throws IOException {
        byte[] gz = OciLayouts.compress(tar(), Compression.GZIP);
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        LayerException e = assertThrows(LayerException.class, () -> readAll(cut, LayerCheck.of(WHERE)));
        assertOneLine(e, WHERE + ": corrupt gzip stream: ");
    }

    @Test
    void read_corruptBlobWithKnownDigest_reportsTheDigestMismatch() throws IOException {
        byte[] tar = tar();
        byte[] zst = OciLayouts.compress(tar, Compression.ZSTD);
        byte[] bad = zst.clone();
        bad[bad.length / 2] ^= 0x55;
        LayerCheck check = checked(zst, tar);
        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> readAll(bad, check));
        assertOneLine(e, WHERE + ": digest mismatch: expected " + Digest.of(zst));
    }

    @Test
    void skip_hashesWhatItSkips() throws IOException {
        byte[] tar = tar();
        try (LayerStream in = LayerStream.open(new ByteArrayInputStream(tar), checked(tar, tar))) {
            assertEquals(100_000, in.skip(100_000));
            assertEquals(tar.length, in.verifyToEnd());
            assertEquals(Digest.of(tar), in.diffId());
        }
    }

    @Test
    void close_beforeTheEnd_stopsTheReadAhead() throws IOException {
        byte[] tar = tar();
        byte[] blob = OciLayouts.compress(tar, Compression.ZSTD);
        LayerStream in = LayerStream.open(new ByteArrayInputStream(blob), checked(blob, tar));
        assertEquals(10, in.readNBytes(10).length);
        in.close();
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("layer-decompress") && t.isAlive()));
    }

    private static void readAll(byte[] blob, LayerCheck check) throws IOException {
        try (LayerStream in = LayerStream.open(new ByteArrayInputStream(blob), check)) {
            in.verifyToEnd();
        }
    }

    static void assertOneLine(Exception e, String start) {
        String m = e.getMessage();
        assertTrue(m.startsWith(start) && !m.contains("\n"), m);
    }
}
