package dev.layerbench.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdInputStream;
import dev.layerbench.codec.Compression;
import dev.layerbench.digest.Digest;
import dev.layerbench.fs.Invocation;
import dev.layerbench.fs.Programs;
import dev.layerbench.testing.LayerFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LayerWriterTest {

    @TempDir
    Path dir;

    /** Reads a tar back with commons-compress: name to entry, and name to content. */
    record ReadBack(Map<String, TarArchiveEntry> entries, Map<String, byte[]> contents, List<String> order) {}

    static ReadBack read(byte[] tar) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), e);
                contents.put(e.getName(), in.readAllBytes());
                order.add(e.getName());
            }
        }
        return new ReadBack(entries, contents, order);
    }

    static byte[] decompress(byte[] blob, Compression c) throws IOException {
        try (InputStream in = switch (c) {
            case NONE -> new ByteArrayInputStream(blob);
            case GZIP -> new GZIPInputStream(new ByteArrayInputStream(blob));
            case ZSTD -> new ZstdInputStream(new ByteArrayInputStream(blob));
        }) {
            return in.readAllBytes();
        }
    }

    @Test
    void write_everythingFixture_readsBackWithCommonsCompress() throws IOException {
        ReadBack r = read(LayerFixtures.bytes(LayerFixtures.everything(), Compression.NONE));

        TarArchiveEntry busybox = r.entries().get("bin/busybox");
        assertTrue(busybox.isFile());
        assertEquals(0755, busybox.getMode() & 07777);
        assertEquals("#!/bin/sh\necho busybox\n", new String(r.contents().get("bin/busybox"), StandardCharsets.UTF_8));
        assertTrue(r.entries().get("bin/ls").isLink());
        assertEquals("bin/busybox", r.entries().get("bin/ls").getLinkName());
        assertTrue(r.entries().get("lib/libc.so").isSymbolicLink());
        assertEquals("libc.so.6", r.entries().get("lib/libc.so").getLinkName());
        assertEquals("/lib/libc.so.6", r.entries().get("lib/abs").getLinkName());
        assertTrue(r.entries().get("etc/").isDirectory());
        assertTrue(r.entries().containsKey("etc/.wh.passwd"));
        assertTrue(r.entries().containsKey("var/.wh.cache"));
        assertTrue(r.entries().containsKey("usr/share/doc/.wh..wh..opq"));
        assertEquals(0, r.entries().get("etc/.wh.passwd").getSize());
    }

    @Test
    void write_longNames_usesPaxAndReadsBackWhole() throws IOException {
        assertTrue(LayerFixtures.LONG_FILE.length() > 100);
        ReadBack r = read(LayerFixtures.bytes(LayerFixtures.longNames(), Compression.NONE));
        assertTrue(r.entries().containsKey(LayerFixtures.LONG_FILE), r.order().toString());
        assertTrue(r.entries().containsKey(LayerFixtures.LONG_DIR + "/"));
        assertEquals(LayerFixtures.LONG_FILE, r.entries().get("short-link").getLinkName());
        // PAX, not GNU ././@LongLink
        String raw = new String(
                LayerFixtures.bytes(LayerFixtures.longNames(), Compression.NONE), StandardCharsets.ISO_8859_1);
        assertTrue(raw.contains("PaxHeaders"));
        assertFalse(raw.contains("././@LongLink"));
    }

    @Test
    void write_xattrs_areSchilyPaxRecords() throws IOException {
        ReadBack r = read(LayerFixtures.bytes(LayerFixtures.xattrs(), Compression.NONE));
        TarArchiveEntry ping = r.entries().get("usr/bin/ping");
        assertEquals("cap_net_raw+ep", ping.getExtraPaxHeader("SCHILY.xattr.security.capability"));
        assertEquals("made by layerbench", ping.getExtraPaxHeader("SCHILY.xattr.user.comment"));
    }

    @Test
    void write_headers_carryNoHostFields() throws IOException {
        ReadBack r = read(LayerFixtures.bytes(LayerFixtures.everything(), Compression.NONE));
        for (TarArchiveEntry e : r.entries().values()) {
            assertEquals("", e.getUserName(), e.getName());
            assertEquals("", e.getGroupName(), e.getName());
            assertEquals(0, e.getLongUserId(), e.getName());
            assertEquals(0, e.getLongGroupId(), e.getName());
            assertEquals(0, e.getDevMajor(), e.getName());
            assertEquals(0, e.getDevMinor(), e.getName());
            assertEquals(TarEntry.FIXED_MTIME, e.getLastModifiedTime().to(TimeUnit.SECONDS), e.getName());
        }
    }

    @Test
    void write_givenOwnerModeMtime_areWritten() throws IOException {
        TarEntry e = TarEntry.file("x", new byte[] {1})
                .withOwner(1000, 100)
                .withMode(04711)
                .withMtime(1_700_000_000L);
        TarArchiveEntry h = read(LayerFixtures.bytes(List.of(e), Compression.NONE))
                .entries()
                .get("x");
        assertEquals(1000, h.getLongUserId());
        assertEquals(100, h.getLongGroupId());
        assertEquals(04711, h.getMode() & 07777);
        assertEquals(1_700_000_000L, h.getLastModifiedTime().to(TimeUnit.SECONDS));
    }

    @Test
    void write_sparseLooking_storesEveryByte() throws IOException {
        ReadBack r = read(LayerFixtures.bytes(LayerFixtures.sparseLooking(), Compression.NONE));
        byte[] img = r.contents().get("var/disk.img");
        assertEquals((1 << 20) + 4, img.length);
        assertEquals(0, img[12345]);
        assertEquals('e', img[1 << 20]);
        assertEquals(300_000, r.contents().get("var/zeros").length);
    }

    @Test
    void write_emptyLayer_isEndRecordsOnly() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerDigests d = LayerWriter.write(out, LayerFixtures.empty(), LayerWriterOptions.of(Compression.NONE));
        assertEquals(0, d.entries());
        assertEquals(
                1024, d.uncompressedSize()); // two zero records, no padding to a 10 KiB block (as Go's archive/tar)
        assertTrue(read(out.toByteArray()).entries().isEmpty());
        for (byte b : out.toByteArray()) {
            assertEquals(0, b);
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void write_digests_matchBytesInOnePass(Compression c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerDigests d = LayerWriter.write(out, LayerFixtures.everything(), LayerWriterOptions.of(c));
        byte[] blob = out.toByteArray();
        byte[] tar = decompress(blob, c);
        assertEquals(Digest.of(blob), d.digest());
        assertEquals(blob.length, d.size());
        assertEquals(Digest.of(tar), d.diffId());
        assertEquals(tar.length, d.uncompressedSize());
        assertEquals(c, d.compression());
        if (c != Compression.NONE) {
            assertNotEquals(d.diffId(), d.digest());
            assertTrue(c.matches(blob, blob.length));
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void write_sameEntriesTwice_sameBytes(Compression c) throws IOException {
        assertArrayEquals(
                LayerFixtures.bytes(LayerFixtures.everything(), c), LayerFixtures.bytes(LayerFixtures.everything(), c));
    }

    @Test
    void write_gzip_hasFixedHeaderWithoutMtimeOrName() throws IOException {
        byte[] blob = LayerFixtures.bytes(LayerFixtures.hardLinks(), Compression.GZIP);
        assertEquals((byte) 0x1f, blob[0]);
        assertEquals((byte) 0x8b, blob[1]);
        assertEquals(8, blob[2]); // deflate
        assertEquals(0, blob[3]); // no FNAME, FCOMMENT, FEXTRA
        for (int i = 4; i < 8; i++) {
            assertEquals(0, blob[i], "MTIME byte " + i);
        }
    }

    @Test
    void write_gzipLevels_differButDecompressAlike() throws IOException {
        ByteArrayOutputStream fast = new ByteArrayOutputStream();
        ByteArrayOutputStream best = new ByteArrayOutputStream();
        List<TarEntry> entries = LayerFixtures.everything();
        LayerDigests a = LayerWriter.write(
                fast, entries, new LayerWriterOptions(Compression.GZIP, 1, LayerWriterOptions.Order.AS_GIVEN));
        LayerDigests b = LayerWriter.write(
                best, entries, new LayerWriterOptions(Compression.GZIP, 9, LayerWriterOptions.Order.AS_GIVEN));
        assertEquals(a.diffId(), b.diffId());
        assertNotEquals(a.digest(), b.digest());
    }

    @Test
    void write_sorted_putsEntriesInPathOrderParentsFirst() throws IOException {
        List<TarEntry> shuffled = List.of(
                TarEntry.file("b/z", new byte[0]),
                TarEntry.dir("b"),
                TarEntry.file("a-b", new byte[0]),
                TarEntry.dir("a"),
                TarEntry.file("a/x", new byte[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerWriter.write(out, shuffled, LayerWriterOptions.of(Compression.NONE).sorted());
        assertEquals(
                List.of("a/", "a-b", "a/x", "b/", "b/z"),
                read(out.toByteArray()).order());
    }

    @Test
    void add_hardLinkBeforeTarget_isRejected() throws IOException {
        try (LayerWriter w = LayerWriter.open(new ByteArrayOutputStream(), LayerWriterOptions.of(Compression.NONE))) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> w.add(TarEntry.hardLink("bin/ls", "bin/busybox")));
            assertTrue(e.getMessage().contains("bin/busybox"), e.getMessage());
        }
    }

    @Test
    void finish_leavesCallersStreamOpen() throws IOException {
        Path file = dir.resolve("layer.tar.gz");
        try (var out = Files.newOutputStream(file)) {
            try (LayerWriter w = LayerWriter.open(out, LayerWriterOptions.of(Compression.GZIP))) {
                w.add(TarEntry.file("a", new byte[] {1, 2, 3}));
                w.finish();
            }
            out.write(new byte[0]); // still open: no exception
        }
        assertEquals(
                Digest.of(file),
                LayerFixtures.write(
                                List.of(TarEntry.file("a", new byte[] {1, 2, 3})),
                                Compression.GZIP,
                                dir.resolve("again.tar.gz"))
                        .digest());
    }

    @Test
    void write_gnuTarListsTheLayer() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")),
                "needs GNU tar: apt-get install tar");
        Path file = dir.resolve("layer.tar");
        LayerFixtures.write(LayerFixtures.everything(), Compression.NONE, file);
        String listing = Programs.run(Invocation.of("tar", "-tf", file.toString()));
        assertTrue(listing.contains(LayerFixtures.LONG_FILE), listing);
        assertTrue(listing.contains("usr/share/doc/.wh..wh..opq"), listing);
    }
}
