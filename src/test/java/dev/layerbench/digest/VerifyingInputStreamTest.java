package dev.layerbench.digest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void read_matchingContentPassesAndCounts() throws IOException {
        byte[] content = random(100_000);
        try (VerifyingInputStream in = new VerifyingInputStream(
                new ByteArrayInputStream(content), Digest.of(content), content.length, "blob")) {
            assertArrayEquals(content, in.readAllBytes());
            assertTrue(in.verified());
            assertEquals(content.length, in.count());
        }
    }

    @Test
    void read_mismatchFailsAtEndNamingBothDigests() {
        byte[] content = random(5000);
        Digest wrong = Digest.of(new byte[] {42});
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(content), wrong, -1, "blobs/x");
        DigestMismatchException e = assertThrows(DigestMismatchException.class, in::readAllBytes);
        assertTrue(e.getMessage().contains(wrong.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(Digest.of(content).toString()), e.getMessage());
        assertTrue(e.getMessage().startsWith("blobs/x: "), e.getMessage());
        assertEquals(Digest.of(content), e.actual());
    }

    @Test
    void read_sizeMismatchFailsEvenWithRightDigestOfPrefix() {
        byte[] content = random(1000);
        VerifyingInputStream in =
                new VerifyingInputStream(new ByteArrayInputStream(content), Digest.of(content), 999, "b");
        assertThrows(DigestMismatchException.class, in::readAllBytes);
    }

    @Test
    void read_singleBytesAndSkipAreHashedToo() throws IOException {
        byte[] content = random(70_000);
        try (VerifyingInputStream in =
                new VerifyingInputStream(new ByteArrayInputStream(content), Digest.of(content), content.length, "b")) {
            assertEquals(content[0] & 0xff, in.read());
            assertEquals(50_000, in.skip(50_000));
            in.readAllBytes();
            assertTrue(in.verified());
        }
    }

    @Test
    void digestingOutputStream_hashesWhatPassesThrough() throws IOException {
        byte[] content = random(12345);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (DigestingOutputStream out = new DigestingOutputStream(sink)) {
            out.write(content, 0, 100);
            out.write(content[100]);
            out.write(content, 101, content.length - 101);
            assertEquals(Digest.of(content), out.digest());
            assertEquals(content.length, out.count());
        }
        assertArrayEquals(content, sink.toByteArray());
    }

    @Test
    void digestingInputStream_digestSoFarDoesNotDisturbTheRest() throws IOException {
        byte[] content = random(4096);
        try (DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(content))) {
            in.readNBytes(10);
            in.digest();
            in.drain();
            assertEquals(Digest.of(content), in.digest());
        }
    }
}
