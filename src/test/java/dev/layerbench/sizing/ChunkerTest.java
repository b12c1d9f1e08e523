package dev.layerbench.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    private static Chunks chunk(byte[] data, int feed) {
        Chunker c = new Chunker();
        for (int off = 0; off < data.length; off += feed) {
            c.update(data, off, Math.min(feed, data.length - off));
        }
        return c.finish();
    }

    @Test
    void chunks_coverTheInputWithinBoundsAndAverageNearTarget() {
        byte[] data = new byte[8 << 20];
        new Random(1).nextBytes(data);
        Chunks c = chunk(data, 1 << 16);
        assertEquals(data.length, c.totalLength());
        for (int i = 0; i < c.count() - 1; i++) {
            assertTrue(c.lengths()[i] >= Chunker.MIN_SIZE && c.lengths()[i] <= Chunker.MAX_SIZE, "chunk " + i);
        }
        double average = (double) data.length / c.count();
        assertTrue(average > Chunker.AVERAGE_SIZE / 2.0 && average < Chunker.AVERAGE_SIZE * 2.0, "average " + average);
    }

    @Test
    void chunks_doNotDependOnHowTheInputIsFed() {
        byte[] data = new byte[1 << 20];
        new Random(2).nextBytes(data);
        assertEquals(chunk(data, 1 << 20), chunk(data, 777));
    }

    @Test
    void chunks_realignAfterAnInsertion() {
        byte[] data = new byte[4 << 20];
        new Random(3).nextBytes(data);
        byte[] shifted = new byte[data.length + 100];
        System.arraycopy(data, 0, shifted, 0, 1000);
        System.arraycopy(data, 1000, shifted, 1100, data.length - 1000);
        Chunks a = chunk(data, 1 << 16);
        Chunks b = chunk(shifted, 1 << 16);
        Set<Long> ids = new HashSet<>();
        for (long id : a.ids()) {
            ids.add(id);
        }
        long shared = 0;
        for (int i = 0; i < b.count(); i++) {
            if (ids.contains(b.ids()[i])) {
                shared += b.lengths()[i];
            }
        }
        assertTrue(shared > 0.9 * data.length, "shared " + shared + " of " + data.length);
    }

    @Test
    void chunksText_roundTrips() {
        byte[] data = new byte[300_000];
        new Random(4).nextBytes(data);
        Chunks c = chunk(data, 4096);
        assertEquals(c, Chunks.parse(c.format(), "x"));
        assertEquals(Chunks.NONE, Chunks.parse("", "x"));
    }
}
