package dev.layerbench.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.testing.LayerFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

class PaxTarInputStreamTest {

    static final byte[] CAP_SETUID = HexFormat.of().parseHex("0100000280000000000000000000000000000000");
    static final byte[] FF00FE01 = HexFormat.of().parseHex("ff00fe01");

    /** Name to (content, xattrs) of every entry, read with {@link PaxTarInputStream}. */
    static Map<String, Map<String, byte[]>> read(byte[] tar, Map<String, byte[]> contents) throws IOException {
        Map<String, Map<String, byte[]>> out = new LinkedHashMap<>();
        try (PaxTarInputStream in = PaxTarInputStream.open(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.xattrs().xattrs());
                contents.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    @Test
    void read_binaryXattrsFromTheLayerWriter_comeBackByteForByte() throws IOException {
        byte[] data = "data".getBytes(StandardCharsets.UTF_8);
        List<TarEntry> entries = List.of(
                TarEntry.file("bin/" + "n".repeat(120), data)
                        .withXattr("security.capability", CAP_SETUID)
                        .withXattr("user.x", FF00FE01)
                        .withXattr("user.empty", new byte[0]),
                TarEntry.file("plain", data),
                TarEntry.dir("d").withXattr("trusted.t", new byte[] {(byte) 0x80}));
        byte[] tar = LayerFixtures.bytes(entries, Compression.NONE);
        Map<String, byte[]> contents = new LinkedHashMap<>();
        Map<String, Map<String, byte[]>> x = read(tar, contents);

        Map<String, byte[]> first = x.get("bin/" + "n".repeat(120));
        assertEquals(List.of("security.capability", "user.empty", "user.x"), List.copyOf(first.keySet()));
        assertArrayEquals(CAP_SETUID, first.get("security.capability"));
        assertArrayEquals(FF00FE01, first.get("user.x"));
        assertArrayEquals(new byte[0], first.get("user.empty"));
        assertArrayEquals(data, contents.get("bin/" + "n".repeat(120)));
        assertEquals(Map.of(), x.get("plain"), "records of one entry do not leak to the next");
        assertArrayEquals(new byte[] {(byte) 0x80}, x.get("d/").get("trusted.t"));
    }

    @Test
    void commonsCompressAlone_decodesTheValueAsText() throws IOException {
        // why this reader exists: the value it hands over is U+FFFD where a byte was not UTF-8
        byte[] tar = LayerFixtures.bytes(
                List.of(TarEntry.file("f", new byte[0]).withXattr("user.x", FF00FE01)), Compression.NONE);
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            String v = in.getNextEntry().getExtraPaxHeader("SCHILY.xattr.user.x");
            assertNotEquals(
                    HexFormat.of().formatHex(FF00FE01), HexFormat.of().formatHex(v.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void read_libarchiveRecordsAndAclText_areDecoded() throws IOException {
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("LIBARCHIVE.xattr.user.a%20b%3D", "AP+A".getBytes(StandardCharsets.US_ASCII)); // base64, no padding
        records.put("SCHILY.xattr.user.a b=", "text".getBytes(StandardCharsets.US_ASCII)); // not a valid name: '='
        records.put(
                "SCHILY.acl.access",
                "user::rw-,user:1234:rw-,group::r--,group:55:r--,mask::rw-,other::r--"
                        .getBytes(StandardCharsets.US_ASCII));
        records.put(
                "SCHILY.acl.default",
                "user::rwx,user:bob:rwx,group::r-x,other::r-x".getBytes(StandardCharsets.US_ASCII));
        byte[] tar = handMade(List.of(extended("./PaxHeader/f", TarConstants.LF_PAX_EXTENDED_HEADER_LC, records)));
        try (PaxTarInputStream in = PaxTarInputStream.open(new ByteArrayInputStream(tar))) {
            assertEquals("f", in.getNextEntry().getName());
            PaxXattrs x = in.xattrs();
            assertArrayEquals(
                    new byte[] {0, (byte) 0xff, (byte) 0x80}, x.xattrs().get("user.a b="), "LIBARCHIVE wins");
            assertEquals(
                    PosixAclTest.FILE_ACL, HexFormat.of().formatHex(x.xattrs().get(PosixAcl.ACCESS_XATTR)));
            assertTrue(!x.xattrs().containsKey(PosixAcl.DEFAULT_XATTR), "bob has no numeric id");
            assertEquals(List.of("SCHILY.acl.default not applied (a name without a numeric id)"), x.problems());
        }
    }

    @Test
    void read_globalRecords_applyToEveryLaterEntry_andLocalOnesWin() throws IOException {
        byte[] tar = handMade(List.of(
                extended(
                        "./GlobalHead",
                        TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER,
                        Map.of("SCHILY.xattr.user.g", new byte[] {'G'}, "SCHILY.xattr.user.o", new byte[] {'1'})),
                extended(
                        "./PaxHeader/f",
                        TarConstants.LF_PAX_EXTENDED_HEADER_LC,
                        Map.of("SCHILY.xattr.user.o", new byte[] {(byte) 0xfe}))));
        Map<String, byte[]> contents = new LinkedHashMap<>();
        Map<String, Map<String, byte[]>> x = read(tar, contents);
        assertArrayEquals(new byte[] {'G'}, x.get("f").get("user.g"));
        assertArrayEquals(new byte[] {(byte) 0xfe}, x.get("f").get("user.o"));
        assertArrayEquals(new byte[] {'G'}, x.get("g").get("user.g"));
        assertArrayEquals(new byte[] {'1'}, x.get("g").get("user.o"));
    }

    @Test
    void read_hugeExtendedHeader_isRefused() throws IOException {
        TarArchiveEntry h = new TarArchiveEntry("./PaxHeader/f", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
        h.setSize(PaxTarInputStream.MAX_EXTENDED_HEADER + 1);
        byte[] header = new byte[512];
        h.writeEntryHeader(header);
        byte[] tar = new byte[512 * 4];
        System.arraycopy(header, 0, tar, 0, 512);
        try (PaxTarInputStream in = PaxTarInputStream.open(new ByteArrayInputStream(tar))) {
            IOException e = assertThrows(IOException.class, in::getNextEntry);
            assertTrue(e.getMessage().contains("PAX extended header of"), e.getMessage());
        }
    }

    @Test
    void write_textXattrs_areTheBytesCommonsCompressWrites() throws IOException {
        // the writer's output for xattrs that are text is what it was before it wrote bytes: digests stay put
        List<TarEntry> entries = LayerFixtures.xattrs();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(plain, StandardCharsets.UTF_8.name())) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            t.setAddPaxHeadersForNonAsciiNames(true);
            for (TarEntry e : entries) {
                TarArchiveEntry h = e.type() == EntryType.DIRECTORY
                        ? new TarArchiveEntry(e.path() + "/", TarConstants.LF_DIR)
                        : new TarArchiveEntry(e.path(), TarConstants.LF_NORMAL);
                h.setMode(e.type().typeBits() | e.mode());
                h.setUserName("");
                h.setGroupName("");
                h.setLastModifiedTime(FileTime.from(e.mtime(), TimeUnit.SECONDS));
                h.setSize(e.size());
                e.xattrs()
                        .forEach((k, v) -> h.addPaxHeader("SCHILY.xattr." + k, new String(v, StandardCharsets.UTF_8)));
                t.putArchiveEntry(h);
                e.content().writeTo(t);
                t.closeArchiveEntry();
            }
            t.finish();
        }
        assertArrayEquals(plain.toByteArray(), LayerFixtures.bytes(entries, Compression.NONE));
    }

    private record Extended(String name, byte type, Map<String, byte[]> records) {}

    private static Extended extended(String name, byte type, Map<String, byte[]> records) {
        return new Extended(name, type, records);
    }

    /** Each extended header, then a file named after it ("./PaxHeader/f" precedes "f"; a global one precedes "g"). */
    private static byte[] handMade(List<Extended> headers) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(b)) {
            for (Extended x : headers) {
                TarArchiveEntry h = new TarArchiveEntry(x.name(), x.type());
                if (x.type() == TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER) {
                    // commons-compress writes a global header's records itself, from its text values
                    x.records().forEach((k, v) -> h.addPaxHeader(k, new String(v, StandardCharsets.US_ASCII)));
                    t.putArchiveEntry(h);
                } else {
                    byte[] data = PaxRecords.encode(x.records());
                    h.setSize(data.length);
                    t.putArchiveEntry(h);
                    t.write(data);
                    t.closeArchiveEntry();
                }
                String file = x.type() == TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER ? "g0" : "f";
                TarArchiveEntry f = new TarArchiveEntry(file);
                t.putArchiveEntry(f);
                t.closeArchiveEntry();
            }
            t.putArchiveEntry(new TarArchiveEntry("g"));
            t.closeArchiveEntry();
        }
        return b.toByteArray();
    }
}
