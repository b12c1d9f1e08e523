package dev.layerbench.unpack;

import dev.layerbench.fs.Errno;
import dev.layerbench.fs.FileCalls;
import dev.layerbench.fs.Posix;
import dev.layerbench.fs.PosixException;
import dev.layerbench.oci.Whiteouts;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Creates and fills files on a few threads, so that file creation and writing (inode allocation, page allocation:
 * system time) overlap the parsing thread's decompression, hashing and parsing. The parsing thread hands over a path
 * that does not exist and the whole content; a writer creates it ({@code O_EXCL}, never following a symlink), writes
 * it, sets owner, mode, xattrs and times through the descriptor and closes it. The parsing thread keeps the paths
 * whose write is pending, and {@link #await waits} for one before anything else touches that path. Content travels in pooled buffers (so the heap pages
 * stay the same ones, already touched), which also bounds the bytes and descriptors in flight.
 */
final class FileWriters implements AutoCloseable {

    /** Buffer sizes: most files of a layer fit the small one; the large one holds any file handed over. */
    static final int SMALL = 64 << 10;

    static final int LARGE = LayerApplier.HANDOFF_MAX;
    /** Buffers (and so files and descriptors) in flight, at most: 16 MiB small, 16 MiB large. */
    static final int SMALL_BUFFERS = 256;

    static final int LARGE_BUFFERS = 16;

    private final ExecutorService pool;
    private final BufferPool small;
    private final BufferPool large;
    private final Map<Path, CompletableFuture<Void>> pending = new HashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final UnpackOptions.Owners owners;
    private final Skips skips;
    private final FileCalls calls;
    /** What a new file has without fchown and fchmod; changed only with no write pending. */
    private volatile NewFiles newFiles;

    FileWriters(int threads, UnpackOptions.Owners owners, FileCalls calls, Skips skips, NewFiles newFiles) {
        this.pool = threads == 0
                ? null
                : Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "unpack-writer");
                    t.setDaemon(true);
                    return t;
                });
        this.owners = owners;
        this.calls = calls;
        this.skips = skips;
        this.newFiles = newFiles;
        this.small = new BufferPool(SMALL, threads == 0 ? 1 : SMALL_BUFFERS);
        this.large = new BufferPool(LARGE, threads == 0 ? 1 : LARGE_BUFFERS);
    }

    /** A pooled buffer of at least {@code size} bytes (at most {@link #LARGE}), waiting while all are in flight. */
    byte[] buffer(int size) throws IOException {
        if (size > LARGE) {
            throw new IllegalArgumentException("no buffer larger than " + LARGE);
        }
        return (size <= SMALL ? small : large).take();
    }

    /** Returns a buffer from {@link #buffer} that will not be submitted. */
    void release(byte[] buffer) {
        (buffer.length == SMALL ? small : large).give(buffer);
    }

    /**
     * Creates {@code target} (which must not exist) with {@code data[0, length)} (a buffer from {@link #buffer}), now or
     * on a writer thread; the buffer goes back to the pool after.
     */
    void submit(Path target, byte[] data, int length, EntryMeta meta) throws IOException {
        try {
            rethrow();
        } catch (IOException | RuntimeException e) {
            release(data);
            throw e;
        }
        if (pool == null) {
            try {
                write(target, data, length, meta);
            } finally {
                release(data);
            }
            return;
        }
        pending.put(
                target,
                CompletableFuture.runAsync(
                        () -> {
                            try {
                                if (failure.get() == null) {
                                    write(target, data, length, meta);
                                }
                            } catch (Throwable t) {
                                failure.compareAndSet(null, t);
                            } finally {
                                release(data);
                            }
                        },
                        pool));
        if (pending.size() >= 4096) {
            pending.values().removeIf(CompletableFuture::isDone);
        }
    }

    /** What a new entry has without chown and chmod, now. */
    NewFiles newFiles() {
        return newFiles;
    }

    /**
     * From now on, assumes nothing of a new entry's mode (a layer sets an ACL, which decides the modes of what is made
     * below): waits for every pending write first, so that none was made under the old assumption after the ACL.
     */
    void assumeNoModes() throws IOException {
        if (newFiles.umask() != NewFiles.UNKNOWN) {
            barrier();
            newFiles = newFiles.withoutModes();
        }
    }

    /** Waits until a pending write of {@code path}, if any, is done; rethrows the first failure. */
    void await(Path path) throws IOException {
        CompletableFuture<Void> f = pending.remove(path);
        if (f != null) {
            join(f);
        }
        rethrow();
    }

    /**
     * Creates {@code target} with {@code data[0, length)} and the attributes of {@code meta}: through a descriptor with
     * {@link FileCalls#POSIX}, and always for a file with xattrs (set through the descriptor, whatever its mode);
     * else written, closed and given owner, times and mode by path.
     */
    private void write(Path target, byte[] data, int length, EntryMeta meta) throws IOException {
        if (calls == FileCalls.POSIX || !meta.xattrs().isEmpty()) {
            fill(Posix.createFile(target, createMode(meta)), target, data, length, meta);
            return;
        }
        calls.createFile(target, data, length, createMode(meta));
        // owner first (chown clears set-id bits), times while the file is still this user's 0600 (the JDK opens it to
        // set them), the mode last
        if (owners == UnpackOptions.Owners.APPLY && !newFiles.owned(meta.uid(), meta.gid())) {
            calls.lchown(target, meta.uid(), meta.gid());
        }
        calls.lutimes(target, meta.mtimeSeconds(), meta.mtimeNanos());
        if (!newFiles.keeps(meta.mode())) {
            calls.chmod(target, meta.mode());
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

    /**
     * The mode to create a file with: its own when a new file keeps it ({@link NewFiles#keeps}: then {@link #finish}
     * needs no fchmod), else 0600 until {@link #finish} sets it. A descriptor opened
     * with {@code O_CREAT} is writable whatever mode the new file gets.
     */
    int createMode(EntryMeta meta) {
        return newFiles.keeps(meta.mode()) ? meta.mode() : 0600;
    }

    /**
     * Owner (when applied and not already this process's), mode (unless {@link #createMode} gave it), xattrs and
     * times, through the descriptor of a file created with {@link #createMode}; chown first, as it clears set-id bits.
     */
    void finish(int fd, Path target, EntryMeta meta) throws IOException {
        if (owners == UnpackOptions.Owners.APPLY && !newFiles.owned(meta.uid(), meta.gid())) {
            Posix.fchown(fd, target, meta.uid(), meta.gid());
        }
        if (!newFiles.keeps(meta.mode())) {
            Posix.fchmod(fd, target, meta.mode());
        }
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
                skips.add(notSet(x.getKey()));
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
                skips.add(notSet(x.getKey()));
            }
        }
    }

    /** The skip reason of an xattr the file system or user cannot take: counted per name, never dropped unseen. */
    static String notSet(String name) {
        return "xattr " + name + " not permitted or not supported";
    }

    /** Waits for every pending write; rethrows the first failure. */
    void barrier() throws IOException {
        for (CompletableFuture<Void> f : pending.values()) {
            join(f);
        }
        pending.clear();
        rethrow();
    }

    private static void join(CompletableFuture<Void> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while unpacking");
        } catch (ExecutionException e) {
            // recorded in `failure`
        }
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
