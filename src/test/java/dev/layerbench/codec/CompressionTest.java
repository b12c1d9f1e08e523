package dev.layerbench.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompressionTest {

    @ParameterizedTest
    @EnumSource(Compression.class)
    void compress_roundTripsAndIsDetected(Compression c) throws IOException {
        byte[] content = new byte[200_000];
        new Random(7).nextBytes(content);
        for (int i = 0; i < content.length; i += 3) {
            content[i] = 0; // compressible, but never starts with a magic
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = c.compress(sink)) {
            out.write(content);
        }
        byte[] blob = sink.toByteArray();
        assertEquals(c, Compression.detect(blob, blob.length));
        InputStream markable = new BufferedInputStream(new ByteArrayInputStream(blob));
        assertEquals(c, Compression.detect(markable));
        try (InputStream in = c.decompress(markable)) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void detect_shortInputIsNone(Compression ignored) {
        assertEquals(Compression.NONE, Compression.detect(new byte[] {0x1f}, 1));
        assertEquals(Compression.NONE, Compression.detect(new byte[0], 0));
    }
}
