package dev.layerbench.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * An exclusive lock on a file, between the threads of this process and between processes: an in-process lock per path,
 * then an {@code fcntl} record lock through {@link FileChannel#lock()}. The kernel drops a process's locks when it dies,
 * however it dies ({@code kill -9} included), so a lock that can be taken says its last holder is gone: that is how the
 * store tells what a dead writer left (take the lock, then delete) from what a live writer holds (lock refused, leave
 * it).
 *
 * <p>POSIX record locks belong to the process, and closing <em>any</em> descriptor of a file drops all of the process's
 * locks on it. So this process never opens a second descriptor on a file it holds: every lock goes through the
 * in-process table, a second thread waits there (or, trying, is refused there) without opening the file. A thread
 * waiting for a lock it already holds is a bug and fails. The holder may be closed from any thread.
 *
 * @see <a href="https://man7.org/linux/man-pages/man2/fcntl.2.html">fcntl(2), "Advisory record locking"</a>
 */
public final class HeldLock implements AutoCloseable {

    /** What {@link #tryAcquire} does when the lock file is absent. */
    public enum IfAbsent {
        /** Create it (an empty file) and lock it. */
        CREATE,
        /** Give up: nobody holds a file that is gone. */
        SKIP
    }

    /** One in-process lock per path, with a count of threads using it so the table does not grow. */
    private static final class Slot {
        final Semaphore lock = new Semaphore(1);
        volatile Thread owner;
        int users;
    }

    private static final Map<Path, Slot> SLOTS = new HashMap<>();

    private final Path path;
    private final Slot slot;
    private final FileChannel channel;
    private boolean closed;

    private HeldLock(Path path, Slot slot, FileChannel channel) {
        this.path = path;
        this.slot = slot;
        this.channel = channel;
        slot.owner = Thread.currentThread();
    }

    /**
     * This process's id, which names the files a writer owns (for people; the lock is what tells liveness): the target
     * of {@code /proc/self}, else {@link ProcessHandle} (whose first use starts the JDK's process-reaper machinery:
     * 20-30 ms of a small tool's start).
     */
    public static long pid() {
        return Pid.PID;
    }

    private static final class Pid {
        static final long PID = read();

        private static long read() {
            try {
                return Long.parseLong(
                        Files.readSymbolicLink(Path.of("/proc/self")).toString());
            } catch (IOException | RuntimeException e) {
                return ProcessHandle.current().pid();
            }
        }
    }

    /** Locks {@code file} (created empty when absent), waiting as long as another thread or process holds it. */
    public static HeldLock acquire(Path file) throws IOException {
        Path key = key(file);
        Slot slot = enter(key);
        if (slot.owner == Thread.currentThread()) {
            leave(key, slot);
            throw new IllegalStateException(key + ": lock already held by this thread");
        }
        slot.lock.acquireUninterruptibly();
        return lockWaiting(key, slot, StandardOpenOption.CREATE);
    }

    /** Locks {@code file} if nobody holds it, without waiting; empty when a thread or a live process holds it. */
    public static Optional<HeldLock> tryAcquire(Path file, IfAbsent ifAbsent) throws IOException {
        Path key = key(file);
        Slot slot = enter(key);
        if (!slot.lock.tryAcquire()) {
            leave(key, slot);
            return Optional.empty();
        }
        try {
            FileChannel channel;
            try {
                channel = ifAbsent == IfAbsent.CREATE
                        ? FileChannel.open(
                                key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)
                        : FileChannel.open(key, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                slot.lock.release();
                leave(key, slot);
                return Optional.empty();
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close(); // this process holds no lock on the file, so closing drops nothing
                slot.lock.release();
                leave(key, slot);
                return Optional.empty();
            }
            return Optional.of(new HeldLock(key, slot, channel));
        } catch (IOException | RuntimeException e) {
            slot.lock.release();
            leave(key, slot);
            throw e;
        }
    }

    /**
     * Creates {@code file}, which must not exist, and locks it: a file its writer fills while it holds it (an ingest
     * temp file, a lease). A cleaner in another process may take the lock in the instant between creation and lock and
     * delete the file; then this fails with {@link NoSuchFileException} (and with {@link FileAlreadyExistsException}
     * when the name is taken), and the caller tries a new name.
     */
    public static HeldLock create(Path file) throws IOException {
        Path key = key(file);
        Slot slot = enter(key);
        slot.lock.acquireUninterruptibly();
        return lockWaiting(key, slot, StandardOpenOption.CREATE_NEW);
    }

    /**
     * With the in-process slot taken: opens the file ({@code CREATE} or {@code CREATE_NEW}) and waits for its file
     * lock; a file made new must still exist once locked. On failure the file is closed and the slot given back.
     */
    private static HeldLock lockWaiting(Path key, Slot slot, StandardOpenOption creation) throws IOException {
        try {
            FileChannel channel = FileChannel.open(key, creation, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                channel.lock();
                if (creation == StandardOpenOption.CREATE_NEW && !Files.exists(key)) {
                    throw new NoSuchFileException(key.toString(), null, "removed by a cleaner before it was locked");
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return new HeldLock(key, slot, channel);
        } catch (IOException | RuntimeException e) {
            slot.lock.release();
            leave(key, slot);
            throw e;
        }
    }

    /** The locked file. */
    public Path path() {
        return path;
    }

    /** The descriptor holding the lock: read and write the file through it, never through another one. */
    public FileChannel channel() {
        return channel;
    }

    /** Deletes the file, still holding the lock (so no other process takes it for a live one meanwhile), then releases. */
    public void deleteAndClose() throws IOException {
        try {
            Files.deleteIfExists(path);
        } finally {
            close();
        }
    }

    /** Releases the lock: closing the only descriptor this process has on the file. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } finally {
            slot.owner = null;
            slot.lock.release();
            leave(path, slot);
        }
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    private static Slot enter(Path key) {
        synchronized (SLOTS) {
            Slot slot = SLOTS.computeIfAbsent(key, k -> new Slot());
            slot.users++;
            return slot;
        }
    }

    private static void leave(Path key, Slot slot) {
        synchronized (SLOTS) {
            if (--slot.users == 0) {
                SLOTS.remove(key, slot);
            }
        }
    }
}
