package dev.layerbench.store;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.HeldLock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A lease, as containerd's content store has: while its holder lives, {@link BlobStore#gc()} keeps the blobs it names,
 * and a store-wide gc keeps the per-layer directories and summaries keyed by the diff_ids it names. An import takes one
 * before its first blob and closes it once the image is tagged, so a gc running meanwhile never removes a blob written
 * but not yet reachable from {@code index.json}.
 *
 * <p>On disk: {@code .leases/<pid>-<uuid>}, one digest a line, locked by its holder for its whole life. The lock is what
 * makes it live: a lease whose lock can be taken belongs to a process that is gone (closed, crashed or killed), and gc
 * deletes it. A digest is recorded under the store lock, before the blob is renamed into place or found present, and
 * gc runs under the same lock, so gc either sees the record or runs before the blob is there.
 */
public final class Lease implements AutoCloseable {

    /** The directory under the store root. */
    static final String DIR = ".leases";

    private final BlobStore store;
    private final HeldLock lock;
    private final Set<Digest> digests = new LinkedHashSet<>();

    private Lease(BlobStore store, HeldLock lock) {
        this.store = store;
        this.lock = lock;
    }

    /** Takes a new lease on {@code store}. */
    static Lease take(BlobStore store, Path dir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path path = dir.resolve(HeldLock.pid() + "-" + UUID.randomUUID());
            Lease lease = new Lease(store, null);
            BlobStore.LIVE_LEASES.put(path, lease); // before the file exists: this process never reads a lease it holds
            try {
                Lease held = new Lease(store, HeldLock.create(path));
                BlobStore.LIVE_LEASES.put(path, held);
                return held;
            } catch (java.nio.file.NoSuchFileException | java.nio.file.FileAlreadyExistsException e) {
                BlobStore.LIVE_LEASES.remove(path, lease);
                if (attempt > 100) {
                    throw new StoreException(dir + ": cannot keep a lease file from being cleaned");
                }
            } catch (IOException | RuntimeException e) {
                BlobStore.LIVE_LEASES.remove(path, lease);
                throw e;
            }
        }
    }

    /** Records {@code digest} (a blob, or a layer's diff_id) as in use until this lease is closed. */
    public void add(Digest digest) throws IOException {
        store.locked(() -> {
            recordLocked(digest);
            return null;
        });
    }

    /** Records a digest; the caller holds the store lock. */
    synchronized void recordLocked(Digest digest) throws IOException {
        if (lock == null) {
            throw new IllegalStateException("lease is being taken");
        }
        if (digests.add(digest)) {
            ByteBuffer line = ByteBuffer.wrap((digest + "\n").getBytes(StandardCharsets.US_ASCII));
            while (line.hasRemaining()) {
                lock.channel().write(line, lock.channel().size());
            }
        }
    }

    /** What this lease holds, as this process knows it (never read back from its file: see {@link HeldLock}). */
    synchronized Set<Digest> digests() {
        return Set.copyOf(digests);
    }

    /** Ends the lease: its file is removed, and the next gc may remove what only it kept. */
    @Override
    public void close() throws IOException {
        if (lock == null) {
            return;
        }
        try {
            lock.deleteAndClose();
        } finally {
            BlobStore.LIVE_LEASES.remove(lock.path(), this);
        }
    }
}
