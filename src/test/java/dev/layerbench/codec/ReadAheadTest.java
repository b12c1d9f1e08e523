package dev.layerbench.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The read-ahead stream: same bytes in the same order, the source's failure where it happened, a clean stop. */
class ReadAheadTest {

    @Test
    void read_anyReadSizes_giveTheSourceBytesInOrder() throws IOException {
        byte[] data = new byte[ReadAhead.CHUNK * ReadAhead.DEPTH * 3 + 12345];
        SplittableRandom random = new SplittableRandom(7);
        random.nextBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReadAhead in = new ReadAhead(new ByteArrayInputStream(data), "test-reader")) {
            byte[] b = new byte[ReadAhead.CHUNK * 2];
            for (int n; ; ) {
                int k = random.nextInt(4);
                if (k == 0) {
                    n = in.read();
                    if (n < 0) {
                        break;
                    }
                    out.write(n);
                    continue;
                }
                int len = k == 1 ? 512 : random.nextInt(1, b.length);
                n = in.read(b, 0, len);
                if (n < 0) {
                    break;
                }
                out.write(b, 0, n);
            }
            assertEquals(-1, in.read(), "the end stays the end");
        }
        assertArrayEquals(data, out.toByteArray());
    }

    @Test
    void read_sourceFailure_isRethrownAfterEveryByteBeforeIt() throws IOException {
        IOException failure = new IOException("corrupt zstd stream: bad block");
        int before = ReadAhead.CHUNK + 1000;
        InputStream source = new InputStream() {
            private int left = before;

            @Override
            public int read() throws IOException {
                if (left-- > 0) {
                    return 'a';
                }
                throw failure;
            }
        };
        try (ReadAhead in = new ReadAhead(source, "test-reader")) {
            byte[] got = in.readNBytes(before);
            assertEquals(before, got.length);
            IOException thrown = assertThrows(IOException.class, in::read);
            assertSame(failure, thrown, "the source's own exception, not a wrapper");
            assertSame(
                    failure,
                    assertThrows(IOException.class, () -> in.read(new byte[10])),
                    "and again on the next read");
        }
    }

    @Test
    void close_whileTheQueueIsFull_returnsAndLaterReadsFail() throws Exception {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 1);
                return len;
            }
        };
        ReadAhead in = new ReadAhead(endless, "test-reader");
        Thread.sleep(50); // every chunk filled, the thread blocked handing one over
        in.close();
        assertThrows(IOException.class, in::read, "a closed read-ahead does not block or return data");
    }

    @Test
    void close_aFileChannelSource_leavesItOpenAndWhereItStopped(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        byte[] data = new byte[ReadAhead.CHUNK * (ReadAhead.DEPTH + 4)];
        new SplittableRandom(3).nextBytes(data);
        java.nio.file.Path file = java.nio.file.Files.write(tmp.resolve("blob"), data);
        try (InputStream source = java.nio.file.Files.newInputStream(file)) {
            ReadAhead in = new ReadAhead(source, "test-reader");
            byte[] head = in.readNBytes(1000);
            in.close();
            byte[] rest = source.readAllBytes(); // a channel closed by an interrupt would throw here
            assertArrayEquals(java.util.Arrays.copyOf(data, 1000), head);
            assertEquals(0, rest.length % ReadAhead.CHUNK, "the thread stopped between whole chunks");
        }
    }

    @Test
    void close_beforeTheEnd_stopsReadingAndLeavesTheSourceOpen() throws Exception {
        AtomicLong reads = new AtomicLong();
        AtomicBoolean closed = new AtomicBoolean();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                reads.incrementAndGet();
                return 0;
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        ReadAhead in = new ReadAhead(endless, "test-reader");
        in.readNBytes(1000);
        in.close();
        long after = reads.get();
        Thread.sleep(50);
        assertEquals(after, reads.get(), "nothing is read once close returns");
        assertFalse(closed.get(), "the source is the caller's to close");
        in.close();
    }

    @Test
    void transferTo_afterAPartialRead_givesTheRestInOrder() throws IOException {
        byte[] data = new byte[ReadAhead.CHUNK * 3 + 99];
        new SplittableRandom(11).nextBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReadAhead in = new ReadAhead(new ByteArrayInputStream(data), "test-reader")) {
            byte[] head = in.readNBytes(1000);
            out.write(head);
            assertEquals(data.length - 1000L, in.transferTo(out));
            assertEquals(-1, in.read());
        }
        assertArrayEquals(data, out.toByteArray());
    }
}
