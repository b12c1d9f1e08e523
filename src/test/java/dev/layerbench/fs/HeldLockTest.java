package dev.layerbench.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldLockTest {

    @TempDir
    Path dir;

    /** A child process: {@code HeldLockTest$Holder FILE} locks FILE, says "held", then sleeps until killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            HeldLock lock = HeldLock.acquire(Path.of(args[0]));
            System.out.println("held " + lock.path());
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    @Test
    void tryAcquire_heldByALiveProcessIsRefused_andFreeOnceItIsKilled() throws Exception {
        Path file = dir.resolve("x.lock");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(), file.toString())
                .redirectErrorStream(true)
                .start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
            assertTrue(line != null && line.startsWith("held"), String.valueOf(line));
            assertEquals(Optional.empty(), HeldLock.tryAcquire(file, HeldLock.IfAbsent.SKIP), "a live holder");
            assertEquals(
                    Optional.empty(), HeldLock.tryAcquire(file, HeldLock.IfAbsent.SKIP), "still, after a refused try");
        } finally {
            p.destroyForcibly(); // SIGKILL: the kernel drops its lock
            p.waitFor(10, TimeUnit.SECONDS);
        }
        Optional<HeldLock> free = HeldLock.tryAcquire(file, HeldLock.IfAbsent.SKIP);
        assertTrue(free.isPresent(), "the holder is dead");
        free.get().deleteAndClose();
        assertFalse(Files.exists(file));
    }

    @Test
    void acquire_threadsTakeTurns_andAProbeInTheSameProcessIsRefused() throws Exception {
        Path file = dir.resolve("k.lock");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread[] threads = new Thread[6];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int n = 0; n < 50; n++) {
                    try (HeldLock held = HeldLock.acquire(file)) {
                        assertEquals(file, held.path());
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        // a prober in this process is refused without opening the file (which would drop the lock)
                        if (HeldLock.tryAcquire(file, HeldLock.IfAbsent.SKIP).isPresent()) {
                            throw new AssertionError("probe took a held lock");
                        }
                        inside.decrementAndGet();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            threads[i].setUncaughtExceptionHandler((t, e) -> failure.compareAndSet(null, e));
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(null, failure.get());
        assertEquals(1, most.get());
    }

    @Test
    void acquire_sameThreadTwiceFails() throws Exception {
        Path file = dir.resolve("r.lock");
        try (HeldLock held = HeldLock.acquire(file)) {
            assertTrue(held.channel().isOpen());
            assertThrows(IllegalStateException.class, () -> HeldLock.acquire(file));
        }
        HeldLock.acquire(file).close();
    }

    @Test
    void create_refusesAnExistingName() throws Exception {
        Path file = Files.createFile(dir.resolve("t"));
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> HeldLock.create(file));
    }
}
