package dev.layerbench.digest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hashes a file with reading and hashing overlapped: a reader thread fills buffers from the file while the calling
 * thread hashes the ones already filled. Small files are hashed on the calling thread alone.
 */
final class FileHasher {

    /** Below this size a second thread costs more than it saves. */
    private static final long PIPELINE_THRESHOLD = 16L << 20;

    private static final int BUFFERS = 4;
    private static final int BUFFER_SIZE = 4 << 20;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private FileHasher() {}

    static Digest hash(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MessageDigest md = Sha256.newDigest();
            if (channel.size() < PIPELINE_THRESHOLD) {
                ByteBuffer buffer = ByteBuffer.allocate(Sha256.BUFFER_SIZE);
                while (channel.read(buffer) >= 0) {
                    buffer.flip();
                    md.update(buffer);
                    buffer.clear();
                }
                return Digest.ofSha256Bytes(md.digest());
            }
            return pipelined(channel, md);
        }
    }

    private static Digest pipelined(FileChannel channel, MessageDigest md) throws IOException {
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BUFFERS + 1);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(ByteBuffer.allocate(BUFFER_SIZE));
        }
        IOException[] failure = new IOException[1];
        Thread reader = Thread.ofPlatform().name("digest-reader").daemon().start(() -> {
            try {
                while (true) {
                    ByteBuffer b = free.take();
                    b.clear();
                    int n = 0;
                    while (b.hasRemaining() && (n = channel.read(b)) >= 0) {
                        // fill the buffer
                    }
                    b.flip();
                    if (b.hasRemaining()) {
                        full.put(b);
                    }
                    if (n < 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                failure[0] = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                full.offer(END);
            }
        });
        try {
            while (true) {
                ByteBuffer b = full.take();
                if (b == END) {
                    break;
                }
                md.update(b.array(), b.position(), b.remaining());
                free.put(b);
            }
            reader.join();
        } catch (InterruptedException e) {
            reader.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return Digest.ofSha256Bytes(md.digest());
    }
}
