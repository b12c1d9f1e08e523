package dev.layerbench.unpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.fs.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates valid layers (bytes flipped, truncated, tar header fields rewritten with a valid checksum) for a bounded
 * number of rounds, seeded so a failure can be replayed: every round either unpacks or fails with an IOException of
 * one line; never another exception, a hang, an escape from the target, or a target left after a failure.
 */
class FuzzTest {

    static final int ROUNDS = 240;
    static final long SEED = 20261128L;
    static final String[] HOSTILE_NAMES = {
        "../../x",
        "/abs/x",
        "a/../../../x",
        ".wh..",
        ".wh..wh..opq",
        "link/x",
        "",
        "./",
        "d/.wh.f",
        "l",
        "x/../../../../tmp"
    };

    @TempDir
    Path tmp;

    @Test
    void applyLayer_mutatedLayers_failCleanlyOrStayInside() throws Exception {
        Path sentinel = Files.createDirectory(tmp.resolve("sentinel"));
        Files.writeString(sentinel.resolve("canary"), "canary");
        Map<String, String> before = TreeSnapshot.of(sentinel, true);
        Path box = Files.createDirectory(tmp.resolve("box"));
        byte[] base = base(sentinel);
        SplittableRandom random = new SplittableRandom(SEED);
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            for (int round = 0; round < ROUNDS; round++) {
                Compression codec = Compression.values()[round % 3];
                byte[] tar = base.clone();
                int mutation = random.nextInt(3);
                if (mutation == 2) {
                    tar = editHeader(tar, random);
                }
                byte[] blob = TarBuilder.compress(tar, codec);
                if (mutation == 0) {
                    for (int i = 0, n = random.nextInt(1, 9); i < n; i++) {
                        blob[random.nextInt(blob.length)] ^= (byte) random.nextInt(1, 256);
                    }
                } else if (mutation == 1) {
                    blob = Arrays.copyOf(blob, random.nextInt(blob.length));
                }
                Path file = Files.write(tmp.resolve("blob"), blob);
                Path target = box.resolve("r" + round);
                String what = "round " + round + " (" + codec.label() + ", mutation " + mutation + ")";
                try {
                    Unpacker.applyLayer(LayerBlob.of(file), target, UnpackerTest.options());
                    assertTrue(Files.isDirectory(target), what);
                } catch (IOException e) {
                    assertTrue(e.getMessage() != null && !e.getMessage().contains("\n"), what + ": " + e.getMessage());
                    assertFalse(Files.exists(target), what + ": target left after " + e.getMessage());
                }
                assertEquals(before, TreeSnapshot.of(sentinel, true), what + ": sentinel changed");
                assertEquals(List.of("blob", "box", "sentinel"), UnpackerTest.names(tmp), what);
                for (String n : UnpackerTest.names(box)) {
                    assertTrue(n.startsWith("r"), what + ": stray " + n);
                }
                Trees.delete(target);
            }
        });
    }

    static byte[] base(Path sentinel) throws IOException {
        byte[] content = new byte[40_000];
        new SplittableRandom(5).nextBytes(content);
        return new TarBuilder()
                .dir("d")
                .file("d/f", content, 0644)
                .file("d/small", "small")
                .symlink("link", sentinel.toString())
                .hardlink("d/h", "d/f")
                .file("d/.wh.gone", "")
                .file("p".repeat(150) + "/long", "long")
                .symlink("rel", "../../..")
                .dir("e", 0500)
                .file("e/x", "x")
                .build();
    }

    /** Rewrites a field of a random header block and fixes the header checksum so the tar reader accepts it. */
    static byte[] editHeader(byte[] tar, SplittableRandom random) {
        int blocks = tar.length / 512;
        int at = 512 * random.nextInt(blocks);
        byte[] h = tar;
        switch (random.nextInt(5)) {
            case 0 -> put(h, at, 100, HOSTILE_NAMES[random.nextInt(HOSTILE_NAMES.length)]); // name
            case 1 -> put(h, at + 157, 100, HOSTILE_NAMES[random.nextInt(HOSTILE_NAMES.length)]); // linkname
            case 2 -> h[at + 156] = (byte) "0123456LKxgZ".charAt(random.nextInt(12)); // typeflag
            case 3 -> put(h, at + 124, 12, Long.toOctalString(random.nextLong(1L << 33)) + "\0"); // size
            default -> put(h, at + 100, 8, Integer.toOctalString(random.nextInt(010000)) + "\0"); // mode
        }
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[at + i] & 0xff);
        }
        put(h, at + 148, 8, String.format("%06o", sum) + "\0 ");
        return h;
    }

    static void put(byte[] h, int at, int len, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        Arrays.fill(h, at, at + len, (byte) 0);
        System.arraycopy(v, 0, h, at, Math.min(len, v.length));
    }
}
