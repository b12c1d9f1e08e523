package dev.layerbench.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How much of a file, or of a set of trees, is in the kernel's page cache, measured per file as {@code fincore} does:
 * {@code cachestat(2)} (Linux 6.5+), else {@code mmap} and {@code mincore(2)}. Never {@code /proc/meminfo}, which every
 * other process on the machine moves. {@link #drop()} empties the cache of clean pages ({@code sync}, then
 * {@code 3 > /proc/sys/vm/drop_caches}: root only).
 *
 * <p>Pages belong to an inode: two hard links to one inode share them, two reflinked inodes sharing extents on disk do
 * not, and an overlay mount's pages are those of the lower or upper file it shows. So a layout's page cache is measured
 * on the files it stores (its base and its containers' directories), each inode once, never through a mount.
 */
public final class PageCache {

    /** How residency is asked. */
    public enum Method {
        /** {@code cachestat(2)}: one call per file, Linux 6.5+. */
        CACHESTAT,
        /** {@code mmap} + {@code mincore(2)}: one byte per page, any Linux. */
        MINCORE
    }

    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");
    private static volatile Method method;

    private PageCache() {}

    /** The method this kernel answers: cachestat where it exists (x86_64 and arm64 number it 451), else mincore. */
    public static Method method() {
        Method m = method;
        if (m == null) {
            m = Method.MINCORE;
            String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            if (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64")) {
                try {
                    int fd = Posix.openRead(Path.of("/proc/self/exe").toRealPath());
                    try {
                        Posix.cachestatPages(fd, Path.of("/proc/self/exe"));
                        m = Method.CACHESTAT;
                    } finally {
                        Posix.close(fd, Path.of("/proc/self/exe"));
                    }
                } catch (IOException e) {
                    // ENOSYS (kernel before 6.5) or a seccomp filter: mincore
                }
            }
            method = m;
        }
        return m;
    }

    /** Bytes of the regular file at {@code file} in the page cache (whole pages; a symlink is not followed). */
    public static long residentBytes(Path file) throws IOException {
        return residentBytes(file, method());
    }

    /** As {@link #residentBytes(Path)}, asking with {@code how}. */
    public static long residentBytes(Path file, Method how) throws IOException {
        int fd = Posix.openRead(file);
        try {
            long pages = how == Method.CACHESTAT
                    ? Posix.cachestatPages(fd, file)
                    : Posix.mincorePages(fd, file, Files.size(file));
            return pages * Posix.pageSize();
        } finally {
            Posix.close(fd, file);
        }
    }

    /** Why this process cannot drop the page cache, or empty when it can (root). */
    public static Optional<String> cannotDrop() {
        if (!Posix.isRoot()) {
            return Optional.of("dropping the page cache needs root (sync; echo 3 > " + DROP_CACHES + ")");
        }
        if (!Files.isWritable(DROP_CACHES)) {
            return Optional.of(DROP_CACHES + " is not writable here (a container without CAP_SYS_ADMIN?)");
        }
        return Optional.empty();
    }

    /** Writes dirty pages out and drops clean page cache, dentries and inodes: {@code sync; echo 3 > drop_caches}. */
    public static void drop() throws IOException {
        Optional<String> why = cannotDrop();
        if (why.isPresent()) {
            throw new IOException(why.get());
        }
        Posix.sync();
        Files.writeString(DROP_CACHES, "3\n", StandardCharsets.US_ASCII);
    }

    /**
     * Adds up the resident bytes of the regular files under trees, each inode once across every tree added (an
     * {@link InodeWalk}), staying on the filesystem of each tree's root (a mount inside, such as an overlay's merged
     * directory, is not entered). Safe to add to from several threads ({@link #addAll}).
     */
    public static final class Walker {

        private final Method how;
        private final InodeWalk walk;
        private final java.util.Queue<Path> counted = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final java.util.concurrent.atomic.LongAdder bytes = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder files = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder fileBytes = new java.util.concurrent.atomic.LongAdder();

        public Walker() {
            this(method());
        }

        public Walker(Method how) {
            this.how = how;
            this.walk = new InodeWalk(DiskUsage.Devices.ONE, this::visit);
        }

        /** Adds the tree at {@code root} (a regular file counts as a tree of one). */
        public Walker add(Path root) throws IOException {
            walk.add(root);
            return this;
        }

        /**
         * Adds the trees at {@code roots}, walked by up to {@code threads} threads at once (one tree per thread at a
         * time); the sum is the same as adding them one by one, each inode still counted once across every tree. A
         * layout's N containers are N trees of thousands of files each: the open, cachestat and close per file are
         * system calls, so two cores walk them in about half the time.
         */
        public Walker addAll(java.util.List<Path> roots, int threads) throws IOException {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            if (threads == 1 || roots.size() < 2) {
                for (Path r : roots) {
                    add(r);
                }
                return this;
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                    Math.min(threads, roots.size()),
                    Thread.ofPlatform().name("page-cache-walk-", 0).daemon().factory());
            try {
                java.util.List<java.util.concurrent.Future<?>> walks = new java.util.ArrayList<>();
                for (Path r : roots) {
                    walks.add(pool.submit(() -> {
                        add(r);
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> w : walks) {
                    try {
                        w.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (e.getCause() instanceof IOException io) {
                            throw io;
                        }
                        throw new IllegalStateException(e.getCause());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("page cache walk interrupted");
            } finally {
                pool.shutdownNow();
            }
            return this;
        }

        private void visit(Path path, Stat s, boolean first) throws IOException {
            if (!first || !s.isRegularFile()) {
                return;
            }
            files.increment();
            fileBytes.add(s.size());
            counted.add(path);
            if (s.size() == 0) {
                return; // nothing of it can be resident; skips an open and a close
            }
            try {
                bytes.add(PageCache.residentBytes(path, how));
            } catch (PosixException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw e;
                }
            }
        }

        /** Bytes of the files counted that are in the page cache. */
        public long residentBytes() {
            return bytes.sum();
        }

        /**
         * The path each counted inode was reached by (one per inode): to ask another tool about them. In walk order
         * when trees are added one by one; trees walked at once ({@link #addAll}) interleave.
         */
        public java.util.List<Path> paths() {
            return java.util.List.copyOf(counted);
        }

        /** Distinct regular files (inodes) counted. */
        public long files() {
            return files.sum();
        }

        /** Their lengths added up. */
        public long fileBytes() {
            return fileBytes.sum();
        }
    }
}
