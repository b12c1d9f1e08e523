package dev.layerbench.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream ahead on its own thread, in chunks: whatever decorates the source (reading the file, digesting,
 * decompressing, verifying) runs there, and the reader of this stream (the tar parser) gets the bytes in the same
 * order, followed by the source's end or its failure, rethrown as it was thrown, after every byte before it. At most
 * a given number of chunks ({@link #DEPTH} unless chosen) are in flight. {@link #close} stops the thread without interrupting it (an interrupt would
 * close a file channel under the source) and waits for it, so the source can be closed, or read to its end and checked,
 * by the caller afterwards on its own thread; closing this stream does not close the source.
 */
public final class ReadAhead extends InputStream {

    /** Bytes per chunk, and chunks in flight at most, unless chosen: 2 MiB ahead. */
    public static final int CHUNK = 256 << 10;

    public static final int DEPTH = 8;

    /** Data ({@code length > 0}), the end ({@code data == null, failure == null}) or a failure. */
    private record Chunk(byte[] data, int length, Throwable failure) {}

    private static final Chunk END = new Chunk(null, 0, null);

    private final BlockingQueue<Chunk> full;
    private final BlockingQueue<byte[]> free;
    private final Thread thread;
    private volatile boolean closed;
    private Chunk current;
    private int position;
    private Chunk last;

    /** Starts reading {@code source} ahead on a new daemon thread called {@code name}, {@link #DEPTH} chunks of {@link #CHUNK}. */
    public ReadAhead(InputStream source, String name) {
        this(source, name, CHUNK, DEPTH);
    }

    /**
     * Starts reading {@code source} ahead on a new daemon thread called {@code name}, in chunks of {@code chunk} bytes,
     * at most {@code depth} of them in flight.
     */
    public ReadAhead(InputStream source, String name, int chunk, int depth) {
        if (chunk <= 0 || depth <= 0) {
            throw new IllegalArgumentException("a read-ahead needs chunks of at least 1 byte, at least 1 in flight");
        }
        full = new ArrayBlockingQueue<>(depth + 1);
        free = new ArrayBlockingQueue<>(depth);
        for (int i = 0; i < depth; i++) {
            free.add(new byte[chunk]);
        }
        thread = Thread.ofPlatform().daemon().name(name).unstarted(() -> run(source));
        thread.start();
    }

    private void run(InputStream source) {
        try {
            while (true) {
                byte[] b = free.take();
                if (closed) {
                    return;
                }
                int n = 0;
                Chunk last = null;
                try {
                    while (n < b.length) {
                        int r = source.read(b, n, b.length - n);
                        if (r < 0) {
                            last = END;
                            break;
                        }
                        n += r;
                    }
                } catch (Throwable t) {
                    last = new Chunk(null, 0, t);
                }
                if (n > 0) {
                    full.put(new Chunk(b, n, null)); // the bytes before an end or a failure come first
                }
                if (last != null) {
                    full.put(last); // there is room: at most depth chunks of data are in the queue
                    return;
                }
            }
        } catch (InterruptedException e) {
            // nobody interrupts this thread; stop
        }
    }

    /** The current chunk while it has data left, else the next one, or null at the end; rethrows a failure. */
    private Chunk chunk() throws IOException {
        if (current != null && position < current.length()) {
            return current;
        }
        if (last != null) {
            return rethrow(last);
        }
        if (current != null) {
            free.add(current.data());
            current = null;
        }
        Chunk c;
        try {
            c = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        }
        if (c.data() == null) {
            last = c;
            return rethrow(c);
        }
        current = c;
        position = 0;
        return c;
    }

    private static Chunk rethrow(Chunk c) throws IOException {
        Throwable t = c.failure();
        if (t == null) {
            return null;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IOException(t);
    }

    /** Whether the current chunk is used up, so that going on would mean taking the next one. */
    private boolean chunkUsedUp() {
        return current == null || position == current.length();
    }

    @Override
    public int read() throws IOException {
        Chunk c = chunk();
        return c == null ? -1 : c.data()[position++] & 0xff;
    }

    /** Reads from the current chunk and, only when nothing was read yet, the next: a failure never swallows bytes. */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int done = 0;
        while (done < len && !(done > 0 && chunkUsedUp())) {
            Chunk c = chunk();
            if (c == null) {
                break;
            }
            int n = Math.min(len - done, c.length() - position);
            System.arraycopy(c.data(), position, b, off + done, n);
            position += n;
            done += n;
        }
        return done == 0 ? -1 : done;
    }

    /** Hands each chunk to {@code out} where it lies, without copying it into a buffer first. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        long done = 0;
        for (Chunk c; (c = chunk()) != null; ) {
            int n = c.length() - position;
            out.write(c.data(), position, n);
            position += n;
            done += n;
        }
        return done;
    }

    @Override
    public long skip(long n) throws IOException {
        long done = 0;
        while (done < n && !(done > 0 && chunkUsedUp())) {
            Chunk c = chunk();
            if (c == null) {
                break;
            }
            int k = (int) Math.min(n - done, c.length() - position);
            position += k;
            done += k;
        }
        return done;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length() - position;
    }

    /**
     * Stops the reading thread and waits for it: the chunks it made are dropped, so that it is never blocked handing
     * one over, and it stops before its next read. The source is left open, no longer read; reading this stream
     * afterwards fails.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = false;
        while (thread.isAlive()) {
            for (Chunk c; (c = full.poll()) != null; ) {
                if (c.data() != null) {
                    free.offer(c.data());
                }
            }
            try {
                thread.join(10);
            } catch (InterruptedException e) {
                interrupted = true; // keep waiting: the caller closes the source next
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        current = null;
        last = new Chunk(null, 0, new IOException("read-ahead closed"));
    }
}
