package dev.layerbench.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaxRecordsTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void parse_binaryValues_keptByteForByteEvenWithNewlinesAndEquals() {
        byte[] value = {(byte) 0xff, 0, '=', '\n', (byte) 0x80};
        Map<String, byte[]> in = new LinkedHashMap<>();
        in.put("SCHILY.xattr.user.bin", value);
        in.put("path", ascii("a/b"));
        byte[] data = PaxRecords.encode(in);
        Map<String, byte[]> out = PaxRecords.parse(data, data.length);
        assertEquals(List.of("SCHILY.xattr.user.bin", "path"), List.copyOf(out.keySet()));
        assertArrayEquals(value, out.get("SCHILY.xattr.user.bin"));
        assertArrayEquals(ascii("a/b"), out.get("path"));
    }

    @Test
    void encode_lengthPrefix_isTheOneCommonsCompressWrites() {
        // "ab=cde" fits both "9 ab=cde\n" and "10 ab=cde\n"; commons-compress writes the second
        assertEquals(
                "10 ab=cde\n", new String(PaxRecords.encode(Map.of("ab", ascii("cde"))), StandardCharsets.ISO_8859_1));
        assertEquals("6 a=b\n", new String(PaxRecords.encode(Map.of("a", ascii("b"))), StandardCharsets.ISO_8859_1));
        String v = "x".repeat(95); // a record of 100 bytes exactly: "100 k=" + 95 + "\n"... the length grows a digit
        byte[] r = PaxRecords.encode(Map.of("k", ascii(v)));
        assertEquals(
                r.length,
                Integer.parseInt(new String(
                        r, 0, new String(r, StandardCharsets.ISO_8859_1).indexOf(' '), StandardCharsets.ISO_8859_1)));
    }

    @Test
    void parse_stopsAtPaddingOrDamage() {
        byte[] good = PaxRecords.encode(Map.of("a", ascii("b")));
        byte[] padded = new byte[good.length + 10];
        System.arraycopy(good, 0, padded, 0, good.length);
        assertEquals(
                List.of("a"),
                List.copyOf(PaxRecords.parse(padded, padded.length).keySet()));
        byte[] lying = ascii("99 a=b\n");
        assertEquals(Map.of(), PaxRecords.parse(lying, lying.length));
    }
}
