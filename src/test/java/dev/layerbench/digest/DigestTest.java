package dev.layerbench.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {

    /** FIPS 180-2 test vector for "abc". */
    private static final String ABC = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void parse_roundTripsThroughToString() {
        Digest d = Digest.parse(ABC);
        assertEquals(ABC, d.toString());
        assertEquals("sha256", d.algorithm());
        assertEquals(32, d.bytes().length);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "sha256",
                "sha256:",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
                "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
                "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad0",
                "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ag",
                "sha512:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                " sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
            })
    void parse_rejectsMalformed(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Digest.parse(text));
        assertTrue(e.getMessage().contains("digest") || e.getMessage().contains("algorithm"), e.getMessage());
    }

    @Test
    void parse_rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> Digest.parse(null));
    }

    @Test
    void of_matchesKnownVectorForBytesStreamsAndFiles(@TempDir Path dir) throws IOException {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals(ABC, Digest.of(abc).toString());
        assertEquals(ABC, Digest.of(new ByteArrayInputStream(abc)).toString());
        Path file = dir.resolve("abc");
        Files.write(file, abc);
        assertEquals(ABC, Digest.of(file).toString());
    }

    @Test
    void of_fileLargerThanBufferEqualsInMemory(@TempDir Path dir) throws IOException {
        byte[] content = new byte[(3 << 20) + 17];
        new Random(1).nextBytes(content);
        Path file = dir.resolve("big");
        Files.write(file, content);
        assertEquals(Digest.of(content), Digest.of(file));
    }

    @Test
    void of_fileReadAheadOnItsOwnThreadEqualsInMemory(@TempDir Path dir) throws IOException {
        byte[] content = new byte[(17 << 20) + 5]; // above the size where a second thread reads ahead
        new Random(2).nextBytes(content);
        Path file = dir.resolve("large");
        Files.write(file, content);
        assertEquals(Digest.of(content), Digest.of(file));
    }

    @Test
    void compareTo_ordersByHex() {
        Digest a = Digest.of(new byte[] {1});
        Digest b = Digest.of(new byte[] {2});
        assertEquals(Integer.signum(a.hex().compareTo(b.hex())), Integer.signum(a.compareTo(b)));
    }
}
