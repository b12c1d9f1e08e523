package dev.layerbench.digest;

import dev.layerbench.codec.ReadAhead;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Hashes a file with reading and hashing overlapped: {@link ReadAhead} reads the file ahead on a thread of its own
 * while the calling thread hashes the chunks already read (stopping that thread never interrupts it, so the file
 * channel under it is not closed by an interrupt). Small files are hashed on the calling thread alone.
 */
final class FileHasher {

    /** Below this size a second thread costs more than it saves. */
    private static final long PIPELINE_THRESHOLD = 16L << 20;

    /** Read in 4 MiB chunks, 4 in flight: fewer hand-overs than the decompressors' 256 KiB, for a reader that only hashes. */
    private static final int CHUNK = 4 << 20;

    private static final int DEPTH = 4;

    private FileHasher() {}

    static Digest hash(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() < PIPELINE_THRESHOLD) {
                MessageDigest md = Sha256.newDigest();
                ByteBuffer buffer = ByteBuffer.allocate(Sha256.BUFFER_SIZE);
                while (channel.read(buffer) >= 0) {
                    buffer.flip();
                    md.update(buffer);
                    buffer.clear();
                }
                return Digest.ofSha256Bytes(md.digest());
            }
            DigestingOutputStream hashed = new DigestingOutputStream(OutputStream.nullOutputStream());
            try (ReadAhead ahead = new ReadAhead(Channels.newInputStream(channel), "digest-reader", CHUNK, DEPTH)) {
                ahead.transferTo(hashed); // the chunks are hashed where they lie, not copied
            }
            return hashed.digest();
        }
    }
}
