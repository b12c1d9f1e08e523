package dev.layerbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.fs.FileCalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackToolTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    Path layer(String name, Compression codec) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(b)) {
            byte[] c = "hello\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("etc/greeting");
            e.setSize(c.length);
            tar.putArchiveEntry(e);
            tar.write(c);
            tar.closeArchiveEntry();
        }
        Path file = tmp.resolve(name);
        try (OutputStream out = codec.compress(Files.newOutputStream(file))) {
            out.write(b.toByteArray());
        }
        return file;
    }

    @Test
    void forSize_smallInputWithoutWritersOption_runsOnOneThreadWithTheJdksCalls() {
        dev.layerbench.unpack.UnpackOptions defaults =
                dev.layerbench.unpack.UnpackOptions.flatten().withWriters(2);
        UnpackTool t = new UnpackTool();
        assertEquals(0, t.forSize(defaults, UnpackTool.SMALL_INPUT).writers());
        assertEquals(FileCalls.JDK, t.forSize(defaults, UnpackTool.SMALL_INPUT).calls());
        assertEquals(2, t.forSize(defaults, UnpackTool.SMALL_INPUT + 1).writers());
        assertEquals(
                FileCalls.POSIX, t.forSize(defaults, UnpackTool.SMALL_INPUT + 1).calls());
        t.writers = 3;
        assertEquals(2, t.forSize(defaults, 10).writers(), "an explicit --writers is kept (applied before)");
        assertEquals(FileCalls.POSIX, t.forSize(defaults, 10).calls());
    }

    @Test
    void unpack_layerOfEachCodec_printsOneSummaryLine() throws IOException {
        for (Compression c : Compression.values()) {
            Path into = tmp.resolve("out-" + c.label());
            Run r = run(
                    "unpack", "--layer", layer("layer-" + c.label() + ".bin", c).toString(), "--into", into.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(1, r.out().lines().count(), r.out());
            assertTrue(r.out().startsWith("unpacked 1 layer into " + into + ": 1 entries, "), r.out());
            assertTrue(r.out().contains("MB/s, 0 skipped"), r.out());
            assertEquals("hello\n", Files.readString(into.resolve("etc/greeting")));
        }
    }

    @Test
    void unpack_corruptLayer_oneLineAndExit1() throws IOException {
        Path bad = Files.write(tmp.resolve("bad.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        Run r = run(
                "unpack",
                "--layer",
                bad.toString(),
                "--into",
                tmp.resolve("out").toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("unpack: " + bad + ": "), r.err());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void unpack_missingInput_oneLineAndExit1() {
        Run r = run(
                "unpack",
                "--image",
                tmp.resolve("nope").toString(),
                "--into",
                tmp.resolve("out").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("unpack: ") && r.err().contains("nope"), r.err());
    }

    @Test
    void unpack_bothSources_isAUsageError() throws IOException {
        Path l = layer("l.tar", Compression.NONE);
        Run r = run(
                "unpack",
                "--layer",
                l.toString(),
                "--image",
                l.toString(),
                "--into",
                tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
