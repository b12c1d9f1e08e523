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
        assumeTrue(PageCache.cannotDrop().isEmpty(), "needs root: " + PageCache.cannotDrop().orElse(""));
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
    void residentBytes_aMissingFileNamesIt() {
        PosixException e = org.junit.jupiter.api.Assertions.assertThrows(PosixException.class,
                () -> PageCache.residentBytes(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }
}
