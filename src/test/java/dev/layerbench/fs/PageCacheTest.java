package dev.layerbench.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageCacheTest {

    @TempDir
    Path dir;

    private Path file(String name, int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return Files.write(dir.resolve(name), data);
    }

    @Test
    void residentBytes_cachestatAndMincoreAgreeOnAFileJustWritten() throws IOException {
        Path f = file("a", 3 * 4096 + 100);
        Files.readAllBytes(f);
        long page = Posix.pageSize();
        long mincore = PageCache.residentBytes(f, PageCache.Method.MINCORE);
        assertEquals(4 * page, mincore, "a file just written and read is all in the cache, in whole pages");
        if (PageCache.method() == PageCache.Method.CACHESTAT) {
            assertEquals(mincore, PageCache.residentBytes(f, PageCache.Method.CACHESTAT));
        }
        assertEquals(0, PageCache.residentBytes(file("empty", 0)));
    }

    @Test
    void drop_emptiesTheCacheOfAFileUntilItIsReadAgain() throws IOException {
        assumeTrue(
                PageCache.cannotDrop().isEmpty(),
                "needs root: " + PageCache.cannotDrop().orElse(""));
        Path f = file("b", 1 << 20);
        PageCache.drop();
        assertTrue(PageCache.residentBytes(f) < (1 << 20) / 8, "dropped: " + PageCache.residentBytes(f));
        Files.readAllBytes(f);
        assertEquals(1 << 20, PageCache.residentBytes(f));
    }

    @Test
    void walker_countsEachInodeOnceAndSkipsSymlinks() throws IOException {
        Path a = file("one", 8192);
        Files.createLink(dir.resolve("two"), a);
        Files.createSymbolicLink(dir.resolve("three"), a);
        Files.readAllBytes(a);
        PageCache.Walker w = new PageCache.Walker().add(dir);
        assertEquals(1, w.files());
        assertEquals(8192, w.residentBytes());
        assertEquals(1, w.paths().size());
    }

    @Test
    void addAll_manyTreesOnThreads_countsWhatAddingOneByOneCounts() throws IOException {
        java.util.List<Path> trees = new java.util.ArrayList<>();
        Path shared = file("shared", 3 * 4096);
        for (int t = 0; t < 6; t++) {
            Path tree = Files.createDirectories(dir.resolve("tree" + t).resolve("sub"));
            for (int f = 0; f < 20; f++) {
                byte[] data = new byte[1000 * (f + 1) + t];
                Files.write(tree.resolve("f" + f), data);
                if (f % 3 == 0) {
                    Files.readAllBytes(tree.resolve("f" + f));
                }
            }
            Files.write(tree.resolve("empty"), new byte[0]);
            Files.createLink(tree.resolve("shared-link"), shared);
            trees.add(tree.getParent());
        }
        Files.readAllBytes(shared);
        PageCache.Walker one = new PageCache.Walker();
        for (Path t : trees) {
            one.add(t);
        }
        PageCache.Walker many = new PageCache.Walker().addAll(trees, 3);
        assertEquals(6 * 21 + 1, one.files(), "each tree's files and the one shared inode");
        assertEquals(one.files(), many.files());
        assertEquals(one.fileBytes(), many.fileBytes());
        assertEquals(one.residentBytes(), many.residentBytes());
        assertTrue(many.residentBytes() >= 3 * 4096, "the shared file was read: " + many.residentBytes());
        assertEquals(new java.util.HashSet<>(one.paths()).size(), many.paths().size());
        org.junit.jupiter.api.Assertions.assertThrows(
                PosixException.class,
                () -> new PageCache.Walker().addAll(java.util.List.of(trees.getFirst(), dir.resolve("missing")), 2));
    }

    @Test
    void residentBytes_aMissingFileNamesIt() {
        PosixException e = org.junit.jupiter.api.Assertions.assertThrows(
                PosixException.class, () -> PageCache.residentBytes(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }
}
