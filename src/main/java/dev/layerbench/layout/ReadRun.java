package dev.layerbench.layout;

import dev.layerbench.fs.PageCache;
import dev.layerbench.image.Image;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Memory of a layout: the page cache dropped, then each of N live containers reads its working set through its own
 * view (a kernel layout through the filesystem, {@code shared} through the union view), one after the other; then the
 * layout's own files (its base and its containers' directories, each inode once, never through a mount) are measured
 * with {@link PageCache}. The first container reads cold; the others find in the cache whatever they share with it.
 */
public final class ReadRun {

    /**
     * @param pageCacheBytes bytes of the layout's files resident in the page cache after every container has read
     * @param files          distinct files (inodes) of the layout measured
     * @param bytesRead      bytes the N containers read, added up
     * @param coldReadNanos  the first container's read, caches cold
     * @param warm           the other containers' reads (empty when N is 1)
     */
    public record Result(int n, long pageCacheBytes, long files, long bytesRead, long coldReadNanos, Percentiles warm) {

        public double pageCacheBytesPerContainer() {
            return (double) pageCacheBytes / n;
        }

        /** The mean warm read, or the cold one when there is no other container. */
        public double warmReadNanos() {
            return warm.count() == 0 ? Double.NaN : warm.mean();
        }
    }

    private static final int BUFFER = 256 * 1024;

    private ReadRun() {}

    /** Why reads cannot be measured in this process, or empty when they can. */
    public static java.util.Optional<String> unavailable() {
        return PageCache.cannotDrop();
    }

    /**
     * Drops the page cache, has each container of {@code made} (container {@code i} of image {@code imageOf(i)}) read
     * the working set {@code set} in turn, and measures the layout's page cache after.
     */
    public static Result run(Layout layout, List<Instance> made, IntFunction<Image> imageOf, ReadSet set)
            throws IOException {
        Map<Image, List<String>> files = new HashMap<>();
        for (int i = 0; i < made.size(); i++) {
            Image image = imageOf.apply(i);
            if (!files.containsKey(image)) {
                files.put(image, set.files(made.get(i), image.ref()));
            }
        }
        PageCache.drop();
        long cold = 0;
        long read = 0;
        List<Long> warm = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        for (int i = 0; i < made.size(); i++) {
            long start = System.nanoTime();
            read += read(made.get(i), files.get(imageOf.apply(i)), buffer);
            long t = System.nanoTime() - start;
            if (i == 0) {
                cold = t;
            } else {
                warm.add(t);
            }
        }
        PageCache.Walker w = pageCache(layout, made);
        return new Result(made.size(), w.residentBytes(), w.files(), read, cold, Percentiles.of(warm));
    }

    /** Reads every file of {@code paths} through {@code view} to its end; returns the bytes read. */
    public static long read(Instance view, List<String> paths, ByteBuffer buffer) throws IOException {
        long total = 0;
        for (String p : paths) {
            try (FileChannel ch = FileChannel.open(view.readPath(p), StandardOpenOption.READ)) {
                int n;
                while ((n = ch.read(buffer.clear())) > 0) {
                    total += n;
                }
            } catch (NoSuchFileException e) {
                throw new LayoutException(view.name() + ": " + p + " vanished");
            }
        }
        return total;
    }

    /**
     * The page cache the layout's own files hold: its base and its containers' directories, each inode once, and the
     * files of the mounts that cache on their own ({@link Layout#cacheMounts()}); the trees walked on as many threads as
     * there are cores (untimed, but at N=50 the largest cost of a run that is not measured).
     */
    public static PageCache.Walker pageCache(Layout layout, List<Instance> containers) throws IOException {
        List<Path> trees = new ArrayList<>();
        trees.add(layout.base());
        for (Instance c : containers) {
            trees.add(c.dir());
        }
        trees.addAll(layout.cacheMounts());
        return new PageCache.Walker().addAll(trees, Runtime.getRuntime().availableProcessors());
    }
}
