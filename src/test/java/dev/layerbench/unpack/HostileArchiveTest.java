package dev.layerbench.unpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.layerbench.codec.Compression;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of hostile layers, each built here with commons-compress. Every case must either unpack with everything
 * confined to the target, or fail with one line naming the layer and leave no target; in both cases nothing in the
 * sentinel directory beside the target changes, and nothing else appears beside the target.
 */
class HostileArchiveTest {

    @TempDir
    static Path shared;

    Path tmp;
    Path sentinel;
    Path box;
    Path target;
    Map<String, String> sentinelBefore;

    enum Outcome {
        CONFINED,
        REJECTED
    }

    interface Layer {
        byte[] build(String sentinelDir) throws IOException;
    }

    @BeforeEach
    void setUp() throws IOException {
        tmp = Files.createTempDirectory(shared, "case");
        sentinel = Files.createDirectory(tmp.resolve("sentinel"));
        Files.writeString(sentinel.resolve("canary"), "canary");
        Files.createDirectory(sentinel.resolve("dir"));
        Files.writeString(sentinel.resolve("dir/inner"), "inner");
        box = Files.createDirectory(tmp.resolve("box"));
        target = box.resolve("root");
        sentinelBefore = TreeSnapshot.of(sentinel, true);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c(
                        "dotdot file name",
                        Outcome.CONFINED,
                        s -> new TarBuilder()
                                .file("../../sentinel/canary", "pwned")
                                .build()),
                c(
                        "absolute file name",
                        Outcome.CONFINED,
                        s -> new TarBuilder().file(s + "/canary", "pwned").build()),
                c(
                        "long PAX name climbing out",
                        Outcome.CONFINED,
                        s -> new TarBuilder()
                                .file("a/" + "../".repeat(60) + "sentinel/canary", "pwned")
                                .build()),
                c(
                        "file through absolute symlink",
                        Outcome.CONFINED,
                        s -> new TarBuilder()
                                .symlink("esc", s)
                                .file("esc/canary", "pwned")
                                .build()),
                c(
                        "file through relative symlink climbing out",
                        Outcome.CONFINED,
                        s -> new TarBuilder()
                                .symlink("up", "../../../../../../..")
                                .file("up" + s + "/canary", "pwned")
                                .build()),
                c(
                        "directory through symlink",
                        Outcome.CONFINED,
                        s -> new TarBuilder()
                                .symlink("esc", s)
                                .dir("esc/newdir")
                                .file("esc/newdir/f", "pwned")
                                .build()),
                c(
                        "symlink chain",
                        Outcome.CONFINED,
                        s -> new TarBuilder()
                                .symlink("a", "b")
                                .symlink("b", "c")
                                .symlink("c", s)
                                .file("a/canary", "pwned")
                                .build()),
                c(
                        "symlink loop",
                        Outcome.REJECTED,
                        s -> new TarBuilder()
                                .symlink("a", "b")
                                .symlink("b", "a")
                                .file("a/x", "pwned")
                                .build()),
                c(
                        "file replacing a symlink to outside",
                        Outcome.CONFINED,
                        s -> new TarBuilder()
                                .symlink("s", s + "/canary")
                                .file("s", "pwned")
                                .build()),
                c(
                        "symlink replacing a symlink then written through",
                        Outcome.CONFINED,
                        s -> new TarBuilder()
                                .dir("d")
                                .symlink("d2", "d")
                                .symlink("d2", s)
                                .file("d2/canary", "pwned")
                                .build()),
                c(
                        "hard link climbing out",
                        Outcome.REJECTED,
                        s -> new TarBuilder()
                                .hardlink("h", "../../sentinel/canary")
                                .build()),
                c(
                        "hard link to absolute path",
                        Outcome.REJECTED,
                        s -> new TarBuilder().hardlink("h", s + "/canary").build()),
                c(
                        "hard link through symlink",
                        Outcome.REJECTED,
                        s -> new TarBuilder()
                                .symlink("d", s)
                                .hardlink("h", "d/canary")
                                .build()),
                c(
                        "hard link to a directory",
                        Outcome.REJECTED,
                        s -> new TarBuilder().dir("d").hardlink("h", "d").build()),
                c(
                        "hard link then write through it",
                        Outcome.CONFINED,
                        s -> new TarBuilder()
                                .file("f", "mine")
                                .hardlink("h", "f")
                                .file("h", "pwned")
                                .build()),
                c(
                        "whiteout climbing out",
                        Outcome.CONFINED,
                        s -> new TarBuilder()
                                .file("../.wh.sentinel", "")
                                .file("../../.wh.sentinel", "")
                                .build()),
                c(
                        "whiteout through symlink",
                        Outcome.CONFINED,
                        s -> new TarBuilder()
                                .symlink("s", s)
                                .file("s/.wh.canary", "")
                                .file("s/.wh.dir", "")
                                .build()),
                c(
                        "opaque through symlink",
                        Outcome.CONFINED,
                        s -> new TarBuilder()
                                .symlink("s", s)
                                .file("s/.wh..wh..opq", "")
                                .build()),
                c(
                        "whiteout named dotdot",
                        Outcome.CONFINED,
                        s -> new TarBuilder()
                                .file(".wh...", "")
                                .file("x/.wh..", "")
                                .build()),
                c(
                        "device nodes and fifo",
                        Outcome.CONFINED,
                        s -> new TarBuilder()
                                .special("dev/null", TarConstants.LF_CHR, 1, 3)
                                .special("dev/sda", TarConstants.LF_BLK, 8, 0)
                                .special("fifo", TarConstants.LF_FIFO, 0, 0)
                                .build()),
                c(
                        "unknown entry type",
                        Outcome.CONFINED,
                        s -> new TarBuilder()
                                .put(typed("odd", (byte) 'Z'), null)
                                .build()),
                c(
                        "truncated tar",
                        Outcome.REJECTED,
                        s -> Arrays.copyOf(
                                new TarBuilder()
                                        .file("big", new byte[100_000], 0644)
                                        .build(),
                                50_000)),
                c("size declared beyond the data (large)", Outcome.REJECTED, s -> declaredSize(3L << 30)),
                c("size declared beyond the data (small)", Outcome.REJECTED, s -> declaredSize(4000)),
                c(
                        "not a tar: text",
                        Outcome.REJECTED,
                        s -> "hello, this is not a tar\n".repeat(40).getBytes(StandardCharsets.UTF_8)),
                c("not a tar: random bytes", Outcome.REJECTED, s -> random(4096)),
                c("not a tar: empty", Outcome.REJECTED, s -> new byte[0]),
                c("corrupt gzip", Outcome.REJECTED, s -> flip(TarBuilder.compress(sample(), Compression.GZIP), 40)),
                c("truncated gzip", Outcome.REJECTED, s -> cut(TarBuilder.compress(sample(), Compression.GZIP))),
                c("corrupt zstd", Outcome.REJECTED, s -> flip(TarBuilder.compress(sample(), Compression.ZSTD), 30)),
                c("truncated zstd", Outcome.REJECTED, s -> cut(TarBuilder.compress(sample(), Compression.ZSTD))),
                c(
                        "gzip of random bytes",
                        Outcome.REJECTED,
                        s -> TarBuilder.compress(random(10_000), Compression.GZIP)));
    }

    static Arguments c(String name, Outcome outcome, Layer layer) {
        return Arguments.of(name, outcome, layer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void applyLayer_hostile_staysInsideTarget(String name, Outcome outcome, Layer layer) throws IOException {
        staysInside(name, outcome, layer, UnpackerTest.options());
    }

    /** The same with the JDK's file calls, as the unpack tool makes a small input's entries. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void applyLayer_hostileWithTheJdksCalls_staysInsideTarget(String name, Outcome outcome, Layer layer)
            throws IOException {
        staysInside(name, outcome, layer, UnpackerTest.options().forFewFiles());
    }

    private void staysInside(String name, Outcome outcome, Layer layer, UnpackOptions options) throws IOException {
        Path blob = Files.write(tmp.resolve("layer.blob"), layer.build(sentinel.toString()));
        try {
            UnpackSummary s = Unpacker.applyLayer(LayerBlob.of(blob), target, options);
            if (outcome == Outcome.REJECTED) {
                fail(name + ": expected a rejection, got " + s.line());
            }
            assertTrue(Files.isDirectory(target));
        } catch (IOException e) {
            if (outcome == Outcome.CONFINED) {
                throw e;
            }
            String m = e.getMessage();
            assertTrue(
                    m != null && !m.contains("\n") && m.contains(blob.toString()), "one line naming the layer: " + m);
            assertFalse(Files.exists(target), "no target after a failure");
        }
        assertEquals(sentinelBefore, TreeSnapshot.of(sentinel, true), "sentinel directory changed");
        assertEquals(List.of("box", "layer.blob", "sentinel"), UnpackerTest.names(tmp));
        List<String> inBox = UnpackerTest.names(box);
        assertTrue(inBox.isEmpty() || inBox.equals(List.of("root")), "only the target beside it: " + inBox);
    }

    static TarArchiveEntry typed(String name, byte type) {
        return new TarArchiveEntry(name, type);
    }

    static byte[] sample() throws IOException {
        byte[] c = new byte[200_000];
        new SplittableRandom(3).nextBytes(c);
        return new TarBuilder().dir("d").file("d/f", c, 0644).file("d/g", "g").build();
    }

    /** A header declaring {@code size} bytes followed by only a few. */
    static byte[] declaredSize(long size) throws IOException {
        byte[] t = new TarBuilder().file("f", "0123456789").build();
        TarArchiveEntry e = new TarArchiveEntry("f");
        e.setSize(size);
        byte[] header = new byte[512];
        e.writeEntryHeader(
                header, org.apache.commons.compress.archivers.zip.ZipEncodingHelper.getZipEncoding("UTF-8"), true);
        byte[] out = Arrays.copyOf(header, 512 + 512);
        System.arraycopy(t, 512, out, 512, 512);
        return out;
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new SplittableRandom(n).nextBytes(b);
        return b;
    }

    static byte[] flip(byte[] b, int from) {
        byte[] c = b.clone();
        for (int i = from; i < c.length - 20; i += 97) {
            c[i] ^= 0x5a;
        }
        return c;
    }

    static byte[] cut(byte[] b) {
        return Arrays.copyOf(b, b.length / 2);
    }
}
