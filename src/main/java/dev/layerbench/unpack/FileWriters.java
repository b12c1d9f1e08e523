package dev.layerbench.unpack;

import dev.layerbench.fs.Errno;
import dev.layerbench.fs.Posix;
import dev.layerbench.fs.PosixException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fills files on a few threads, so that writing content (page allocation, system time) overlaps the parsing thread's
 * decompression, hashing and file creation. The parsing thread creates each file ({@code O_EXCL}, in tar order, so
 * later entries see it) and hands over the open descriptor and the whole content; a writer writes it, sets owner,
 * mode, xattrs and times through the descriptor and closes it. Bytes and descriptors in flight are bounded.
 */
final class FileWriters implements AutoCloseable {

    /** Content bytes handed over and not yet written, at most. */
    static final int MAX_IN_FLIGHT = 64 << 20;
    /** Open descriptors handed over and not yet closed, at most. */
    static final int MAX_OPEN = 256;

    private final ExecutorService pool;
    private final Semaphore budget = new Semaphore(MAX_IN_FLIGHT);
    private final Semaphore descriptors = new Semaphore(MAX_OPEN);
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final UnpackOptions.Owners owners;
    private final Skips skips;

    FileWriters(int threads, UnpackOptions.Owners owners, Skips skips) {
        this.pool = threads == 0 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "unpack-writer");
            t.setDaemon(true);
            return t;
        });
        this.owners = owners;
        this.skips = skips;
    }

    /** Writes {@code data[0, length)} to a new file's descriptor and closes it, now or on a writer thread. */
    void submit(int fd, Path target, byte[] data, int length, EntryMeta meta) throws IOException {
        try {
            rethrow();
        } catch (IOException | RuntimeException e) {
            Posix.close(fd, target);
            throw e;
        }
        if (pool == null) {
            fill(fd, target, data, length, meta);
            return;
        }
        int permits = Math.min(length, MAX_IN_FLIGHT);
        try {
            descriptors.acquire();
            budget.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Posix.close(fd, target);
            throw new InterruptedIOException("interrupted while unpacking");
        }
        pending.add(CompletableFuture.runAsync(() -> {
            try {
                if (failure.get() == null) {
                    fill(fd, target, data, length, meta);
                } else {
                    Posix.close(fd, target);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                budget.release(permits);
                descriptors.release();
            }
        }, pool));
        if (pending.size() >= 4096) {
            pending.removeIf(CompletableFuture::isDone);
        }
    }

    /** Writes, chowns, chmods, sets xattrs and times, and closes one new file's descriptor. */
    void fill(int fd, Path target, byte[] data, int length, EntryMeta meta) throws IOException {
        try {
            if (length > 0) {
                Posix.write(fd, target, data, 0, length);
            }
            finish(fd, target, meta);
        } finally {
            Posix.close(fd, target);
        }
    }

    /** Owner (when applied), mode, xattrs and times, through the descriptor; chown first, as it clears set-id bits. */
    void finish(int fd, Path target, EntryMeta meta) throws IOException {
        if (owners == UnpackOptions.Owners.APPLY) {
            Posix.fchown(fd, target, meta.uid(), meta.gid());
        }
        Posix.fchmod(fd, target, meta.mode());
        for (Map.Entry<String, byte[]> x : meta.xattrs().entrySet()) {
            if (x.getKey().startsWith(Whiteouts.OVERLAY_XATTR_PREFIX)) {
                skips.add("overlay xattr in the layer ignored");
                continue;
            }
            try {
                Posix.fsetxattr(fd, target, x.getKey(), x.getValue());
            } catch (PosixException e) {
                if (!Errno.unsupported(e.errno())) {
                    throw e;
                }
                skips.add("xattr not permitted or not supported");
            }
        }
        Posix.futimens(fd, target, meta.mtimeSeconds(), meta.mtimeNanos());
    }

    /** Sets a path's xattrs (not following a symlink), counting those the file system or user cannot take. */
    static void setXattrs(Path target, EntryMeta meta, Skips skips) throws PosixException {
        for (Map.Entry<String, byte[]> x : meta.xattrs().entrySet()) {
            if (x.getKey().startsWith(Whiteouts.OVERLAY_XATTR_PREFIX)) {
                skips.add("overlay xattr in the layer ignored");
                continue;
            }
            try {
                Posix.lsetxattr(target, x.getKey(), x.getValue());
            } catch (PosixException e) {
                if (!Errno.unsupported(e.errno())) {
                    throw e;
                }
                skips.add("xattr not permitted or not supported");
            }
        }
    }

    /** Waits for every pending write; rethrows the first failure. */
    void barrier() throws IOException {
        for (CompletableFuture<Void> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while unpacking");
            } catch (ExecutionException e) {
                // recorded in `failure`
            }
        }
        pending.clear();
        rethrow();
    }

    private void rethrow() throws IOException {
        Throwable t = failure.get();
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        throw new IOException(String.valueOf(t.getMessage()), t);
    }

    /** Stops the writers after the tasks already handed over (which close their descriptors). */
    @Override
    public void close() {
        if (pool != null) {
            failure.compareAndSet(null, new InterruptedIOException("unpack closed"));
            pool.shutdown();
            try {
                if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
