package dev.layerbench.unpack;

import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** Up to {@code count} buffers of one size, made when first needed and reused; taking waits while all are out. */
final class BufferPool {

    private final int size;
    private final int count;
    private final BlockingQueue<byte[]> free;
    private int made;

    BufferPool(int size, int count) {
        this.size = size;
        this.count = count;
        this.free = new ArrayBlockingQueue<>(count);
    }

    /** Called by one thread (the parsing one). */
    byte[] take() throws InterruptedIOException {
        byte[] b = free.poll();
        if (b != null) {
            return b;
        }
        if (made < count) {
            made++;
            return new byte[size];
        }
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while unpacking");
        }
    }

    void give(byte[] b) {
        free.offer(b);
    }
}
