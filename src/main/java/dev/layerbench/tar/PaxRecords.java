package dev.layerbench.tar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records of a PAX extended header ({@code x} or {@code g} entry data), each {@code "LEN key=value\n"} with LEN
 * the record's whole length in decimal: keys are UTF-8, values are bytes. Values are kept raw here because
 * {@code SCHILY.xattr.*} values are binary (capabilities, ACLs), which a text decoding would corrupt.
 *
 * @see <a href="https://pubs.opengroup.org/onlinepubs/9799919799/utilities/pax.html#tag_20_94_13_03">POSIX pax, extended header</a>
 */
public final class PaxRecords {

    private PaxRecords() {}

    /**
     * Parses records in order (a later record of a key replaces an earlier one); stops at the first byte that does not
     * begin a well-formed record (the NUL padding, or damage that the tar reader reports on its own).
     */
    public static Map<String, byte[]> parse(byte[] data, int length) {
        Map<String, byte[]> records = new LinkedHashMap<>();
        int at = 0;
        while (at < length) {
            int p = at;
            long len = 0;
            while (p < length && data[p] >= '0' && data[p] <= '9' && len <= length) {
                len = len * 10 + (data[p] - '0');
                p++;
            }
            if (p == at
                    || p >= length
                    || data[p] != ' '
                    || len <= p - at + 1
                    || at + len > length
                    || data[(int) (at + len - 1)] != '\n') {
                break;
            }
            int keyStart = p + 1;
            int end = (int) (at + len - 1); // the newline
            int eq = keyStart;
            while (eq < end && data[eq] != '=') {
                eq++;
            }
            if (eq == end || eq == keyStart) {
                break;
            }
            String key = new String(data, keyStart, eq - keyStart, StandardCharsets.UTF_8);
            byte[] value = java.util.Arrays.copyOfRange(data, eq + 1, end);
            records.remove(key);
            records.put(key, value);
            at = (int) (at + len);
        }
        return records;
    }

    /** Encodes records in the map's order, each with its length prefix as POSIX defines it. */
    public static byte[] encode(Map<String, byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> r : records.entrySet()) {
            byte[] key = r.getKey().getBytes(StandardCharsets.UTF_8);
            int body = key.length + r.getValue().length + 3; // ' ', '=', '\n'
            // the same fixed point as commons-compress's writer reaches (a guess of two digits, then settle), so a
            // record written here is byte for byte the one it would write
            int len = body + 2;
            for (int actual = body + digits(len); actual != len; actual = body + digits(len)) {
                len = actual;
            }
            out.writeBytes(Integer.toString(len).getBytes(StandardCharsets.US_ASCII));
            out.write(' ');
            out.writeBytes(key);
            out.write('=');
            out.writeBytes(r.getValue());
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }
}
