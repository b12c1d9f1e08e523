package dev.layerbench.layout;

import dev.layerbench.fs.PageCache;
import dev.layerbench.fs.Stat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@code ls -lR}-style walk of one container's root filesystem: every directory read and every entry
 * {@code lstat}ed, through the container's own view (a kernel layout through its mount or directory, {@code shared}
 * through the union view). Timed cold (page cache, dentries and inodes dropped first: root) and then warm, as the
 * composefs thread on LKML compared designs.
 */
public final class MetadataWalk {

    /** Warm walks after the cold one; the median is reported. */
    public static final int WARM_WALKS = 3;

    /**
     * @param entries   entries walked (the root left out)
     * @param coldNanos the walk after the caches were dropped
     * @param warm      the walks right after it
     */
    public record Result(long entries, long coldNanos, Percentiles warm) {

        public double warmNanos() {
            return warm.p50();
        }
    }

    private MetadataWalk() {}

    /** Why a cold walk cannot be had here (dropping caches needs root), or empty. */
    public static Optional<String> unavailable() {
        return PageCache.cannotDrop();
    }

    /** Drops the caches, walks {@code c} once cold, then {@link #WARM_WALKS} times warm. */
    public static Result run(Layout layout, Instance c) throws IOException {
        boolean union = layout.kind() == LayoutKind.SHARED;
        PageCache.drop();
        long start = System.nanoTime();
        long entries = union ? walkView(c) : walkTree(root(c));
        long cold = System.nanoTime() - start;
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < WARM_WALKS; i++) {
            start = System.nanoTime();
            long again = union ? walkView(c) : walkTree(root(c));
            warm.add(System.nanoTime() - start);
            if (again != entries) {
                throw new LayoutException(c.name() + ": walk found " + again + " entries, then " + entries);
            }
        }
        return new Result(entries, cold, Percentiles.of(warm));
    }

    private static Path root(Instance c) throws IOException {
        return c.resolve("").orElseThrow(() -> new LayoutException(c.name() + ": has no root directory"));
    }

    /** readdir and lstat of every entry below {@code root}; returns the entries. */
    static long walkTree(Path root) throws IOException {
        long n = 0;
        List<Path> dirs = new ArrayList<>(List.of(root));
        while (!dirs.isEmpty()) {
            Path d = dirs.removeLast();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(d)) {
                for (Path child : children) {
                    n++;
                    if (Stat.of(child).isDirectory()) {
                        dirs.add(child);
                    }
                }
            }
        }
        return n;
    }

    /** The same through a container's own listing and lookup (the union view), lstat of each real path. */
    static long walkView(Instance c) throws IOException {
        long n = 0;
        List<String> dirs = new ArrayList<>(List.of(""));
        while (!dirs.isEmpty()) {
            String d = dirs.removeLast();
            for (String name : c.list(d)) {
                String p = d.isEmpty() ? name : d + "/" + name;
                Optional<Path> real = c.resolve(p);
                if (real.isEmpty()) {
                    continue;
                }
                n++;
                if (Stat.of(real.get()).isDirectory()) {
                    dirs.add(p);
                }
            }
        }
        return n;
    }
}
