package dev.layerbench.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files of an image source; here, entries of a tar archive read in place. */
class ImageFilesTest {

    @TempDir
    Path tmp;

    @Test
    void open_entriesOfOneTarReadOnSeveralThreads_eachGetsItsOwnBytes() throws Exception {
        int entries = 4;
        byte[][] content = new byte[entries][];
        SplittableRandom random = new SplittableRandom(5);
        Path archive = tmp.resolve("image.tar");
        try (TarArchiveOutputStream out =
                new TarArchiveOutputStream(new BufferedOutputStream(Files.newOutputStream(archive)))) {
            for (int i = 0; i < entries; i++) {
                content[i] = new byte[3 << 20];
                random.nextBytes(content[i]);
                TarArchiveEntry e = new TarArchiveEntry("blobs/sha256/" + i);
                e.setSize(content[i].length);
                out.putArchiveEntry(e);
                out.write(content[i]);
                out.closeArchiveEntry();
            }
        }
        try (ImageFiles files = ImageFiles.of(archive);
                ExecutorService pool = Executors.newFixedThreadPool(entries)) {
            for (int round = 0; round < 5; round++) {
                List<Future<byte[]>> read = new ArrayList<>();
                for (int i = 0; i < entries; i++) {
                    String name = "blobs/sha256/" + i;
                    read.add(pool.submit(() -> readInSmallPieces(files, name)));
                }
                for (int i = 0; i < entries; i++) {
                    assertArrayEquals(content[i], read.get(i).get(), "entry " + i + ", round " + round);
                }
            }
        }
    }

    private static byte[] readInSmallPieces(ImageFiles files, String name) throws IOException {
        try (InputStream in = files.open(name);
                var out = new java.io.ByteArrayOutputStream()) {
            byte[] b = new byte[4096];
            for (int n; (n = in.read(b, 0, b.length)) > 0; ) {
                out.write(b, 0, n);
                Thread.yield();
            }
            return out.toByteArray();
        }
    }
}
