package dev.layerbench.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.digest.Digest;
import dev.layerbench.oci.EntryKind;
import dev.layerbench.tar.TarEntry;
import dev.layerbench.testing.LayerFixtures;
import dev.layerbench.unpack.LayerBlob;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.Unpacker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummarizerTest {

    @TempDir
    Path dir;

    private static Map<String, SummaryEntry> byPath(LayerSummary s) {
        return s.entries().stream().collect(Collectors.toMap(e -> e.kind() + " " + e.path(), Function.identity()));
    }

    @Test
    void summarize_recordsFilesDirsAndContentDigests() throws Exception {
        LayerSummary s = Layers.summary(LayerFixtures.base());
        Map<String, SummaryEntry> m = byPath(s);
        SummaryEntry hostname = m.get("FILE etc/hostname");
        assertEquals(4, hostname.size());
        assertEquals(Digest.of("box\n".getBytes()).hex(), hostname.sha256());
        assertEquals(4, hostname.chunks().totalLength());
        assertTrue(m.containsKey("DIRECTORY usr/share/doc"), m.keySet().toString());
    }

    @Test
    void summarize_whiteoutsAndOpaqueMarkersNameWhatTheyRemove() throws Exception {
        Map<String, SummaryEntry> w = byPath(Layers.summary(LayerFixtures.whiteouts()));
        assertTrue(w.containsKey("WHITEOUT etc/passwd"), w.keySet().toString());
        assertTrue(w.containsKey("WHITEOUT var/cache"), w.keySet().toString());
        Map<String, SummaryEntry> o = byPath(Layers.summary(LayerFixtures.opaqueDir()));
        assertTrue(o.containsKey("OPAQUE usr/share/doc"), o.keySet().toString());
        assertTrue(o.containsKey("FILE usr/share/doc/NEW"), o.keySet().toString());
    }

    @Test
    void summarize_hardLinksAndSymlinksKeepTheirTargets() throws Exception {
        Map<String, SummaryEntry> h = byPath(Layers.summary(LayerFixtures.hardLinks()));
        assertEquals("bin/busybox", h.get("HARDLINK bin/ls").link());
        assertEquals(0755, h.get("FILE bin/busybox").mode());
        Map<String, SummaryEntry> s = byPath(
                Layers.summary(LayerFixtures.layer().symlink("lib", "usr/lib").build()));
        assertEquals("usr/lib", s.get("SYMLINK lib").link());
    }

    /** Names as a hostile or sloppy tar writes them; unpack applies them, so size must read them the same way. */
    private static byte[] uncleanNames() throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(raw)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            put(t, "./", null);
            put(t, "a/", null);
            put(t, "a/../b", "bee");
            put(t, "c//d", "dee");
            put(t, "./e/./f", "eff");
            put(t, "../../g", "gee");
            put(t, "/h/i", "eye");
            put(t, "h/../.wh.gone", "");
            put(t, "a/.wh..wh.plnk", "");
        }
        return raw.toByteArray();
    }

    private static void put(TarArchiveOutputStream t, String name, String content) throws Exception {
        TarArchiveEntry e = new TarArchiveEntry(name, content == null);
        if (content != null) {
            e.setSize(content.length());
        }
        t.putArchiveEntry(e);
        if (content != null) {
            t.write(content.getBytes());
        }
        t.closeArchiveEntry();
    }

    @Test
    void summarize_uncleanNames_cleanedAsUnpackCleansThem() throws Exception {
        byte[] tar = uncleanNames();
        LayerSummary s = Summarizer.summarize(new ByteArrayInputStream(tar), Digest.of(tar), "layer.tar");
        Map<String, SummaryEntry> m = byPath(s);
        assertTrue(m.containsKey("FILE b"), m.keySet().toString());
        assertTrue(m.containsKey("FILE c/d"), m.keySet().toString());
        assertTrue(m.containsKey("FILE e/f"), m.keySet().toString());
        assertTrue(m.containsKey("FILE g"), m.keySet().toString());
        assertTrue(m.containsKey("WHITEOUT gone"), m.keySet().toString());
        assertTrue(m.keySet().stream().noneMatch(k -> k.contains("plnk")), "reserved .wh..wh. names mean nothing");
    }

    @Test
    void summarize_uncleanNames_sameTreeAsUnpack() throws Exception {
        byte[] tar = uncleanNames();
        Path file = dir.resolve("layer.tar");
        Files.write(file, tar);
        Path root = dir.resolve("root");
        Unpacker.applyLayer(LayerBlob.of(file), root, UnpackOptions.flatten());
        Map<String, String> unpacked = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> !p.equals(root)).toList()) {
                unpacked.put(
                        root.relativize(p).toString(),
                        Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                                ? "DIRECTORY"
                                : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                                        ? "FILE " + Files.size(p)
                                        : "OTHER");
            }
        }
        LayerSummary s = Summarizer.summarize(new ByteArrayInputStream(tar), Digest.of(tar), "layer.tar");
        Map<String, String> sized = new TreeMap<>();
        ImageTree.of(List.of(s)).entries().forEach((path, e) -> {
            if (!path.isEmpty()) {
                sized.put(
                        path,
                        e.kind() == EntryKind.FILE
                                ? "FILE " + e.size()
                                : e.kind().name());
            }
        });
        assertEquals(unpacked, sized);
    }

    @Test
    void summarize_xattrsCountedByteForByte_notOnHardLinksNorOverlayOwn() throws Exception {
        byte[] cap = java.util.HexFormat.of().parseHex("0100000280000000000000000000000000000000");
        LayerSummary s = Layers.summary(LayerFixtures.layer()
                .entry(TarEntry.file("ping", new byte[] {1})
                        .withXattr("security.capability", cap)
                        .withXattr("user.big", new byte[] {(byte) 0xff, 0, (byte) 0x80}))
                .entry(TarEntry.hardLink("ping2", "ping").withXattr("user.big", new byte[3]))
                .entry(TarEntry.dir("d").withXattr("trusted.overlay.opaque", "y"))
                .build());
        Map<String, SummaryEntry> m = byPath(s);
        assertEquals(2, m.get("FILE ping").xattrs());
        // "capability" padded to 12 and 20 bytes; "big" to 4 and 3 bytes to 4
        assertEquals(12 + 20 + 4 + 4, m.get("FILE ping").xattrBytes());
        assertEquals(0, m.get("HARDLINK ping2").xattrs());
        assertEquals(0, m.get("DIRECTORY d").xattrs());
    }

    @Test
    void csv_oldHeader_isNotCurrent() throws Exception {
        Path old = Files.writeString(dir.resolve("old.csv"), "path,kind,size,sha256,link,mode,uid,gid,chunks\n");
        assertTrue(!SummaryCsv.isCurrent(old));
        Path current = Files.writeString(dir.resolve("new.csv"), SummaryCsv.HEADER + "\n");
        assertTrue(SummaryCsv.isCurrent(current));
    }

    @Test
    void csv_roundTripsEveryEntry() throws Exception {
        List<TarEntry> all = new ArrayList<>(LayerFixtures.everything());
        LayerSummary s = Layers.summary(all);
        assertTrue(s.entries().stream().anyMatch(e -> e.xattrs() > 0), "the fixture has xattrs to round-trip");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SummaryCsv.write(s, out);
        assertTrue(out.toString().startsWith(SummaryCsv.HEADER + "\n"), out.toString());
        LayerSummary back = SummaryCsv.read(new ByteArrayInputStream(out.toByteArray()), s.diffId(), "x.csv");
        assertEquals(s, back);
    }

    @Test
    void csvRead_badRow_namesFileAndLine() {
        String csv = SummaryCsv.HEADER + "\netc/a,FILE,-5,,,420,0,0,\n";
        SizingException e = assertThrows(
                SizingException.class,
                () -> SummaryCsv.read(new ByteArrayInputStream(csv.getBytes()), Digest.of(new byte[0]), "s.csv"));
        assertTrue(e.getMessage().startsWith("s.csv line 2: "), e.getMessage());
    }

    @Test
    void csvRead_quotedFields_commasQuotesAndLineBreaksInNames() throws Exception {
        String csv = SummaryCsv.HEADER
                + "\r\n\"a,b\",DIR,0,,,493,0,0,,0,0\r\n\"say \"\"hi\"\"\nthere\",SYMLINK,0,,\"t,\"\"x\",511,1,2,,0,0\n";
        LayerSummary s = SummaryCsv.read(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), Digest.of(new byte[0]), "q.csv");
        assertEquals(2, s.entries().size());
        assertEquals("a,b", s.entries().get(0).path());
        assertEquals("say \"hi\"\nthere", s.entries().get(1).path());
        assertEquals("t,\"x", s.entries().get(1).link());
        assertEquals(2, s.entries().get(1).gid());
    }

    @Test
    void csvRead_wrongHeaderOrFieldCountOrOpenQuote_oneLine() {
        for (String csv : List.of(
                "path,kind\n",
                SummaryCsv.HEADER + "\na,FILE,5\n",
                SummaryCsv.HEADER + "\n\"a,FILE,5,,,420,0,0,,0,0\n")) {
            SizingException e = assertThrows(
                    SizingException.class,
                    () -> SummaryCsv.read(
                            new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                            Digest.of(new byte[0]),
                            "s.csv"));
            assertTrue(e.getMessage().startsWith("s.csv") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void cache_writesOnceAtomicallyAndReadsBack() throws Exception {
        LayerSummary s = Layers.summary(LayerFixtures.base());
        SummaryCache cache = SummaryCache.at(dir);
        cache.write(s);
        Path file = cache.path(s.diffId());
        assertEquals(dir.resolve("summaries/sha256/" + s.diffId().hex() + ".csv"), file);
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
        try (var in = Files.newInputStream(file)) {
            assertEquals(s, SummaryCsv.read(in, s.diffId(), file.toString()));
        }
    }
}
