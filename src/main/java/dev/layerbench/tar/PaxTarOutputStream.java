package dev.layerbench.tar;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * commons-compress's tar writer, able to put PAX records whose values are bytes ({@code SCHILY.xattr.*}: capabilities,
 * ACLs), which its own API takes only as text and writes as UTF-8. Such records go in as placeholders; the extended
 * header commons-compress then writes for the entry is held back for the moment its data comes, the placeholders are
 * swapped for the bytes, the header's size is set to the new length and both are written. Every other record, and
 * every entry without byte records, is written exactly as commons-compress writes it.
 */
final class PaxTarOutputStream extends TarArchiveOutputStream {

    private Map<String, byte[]> raw = Map.of();
    private TarArchiveEntry held;

    PaxTarOutputStream(OutputStream out) {
        super(out, StandardCharsets.UTF_8.name());
    }

    /** Puts {@code e} with these PAX records besides its own, each value written byte for byte. */
    void putArchiveEntry(TarArchiveEntry e, Map<String, byte[]> records) throws IOException {
        if (records.isEmpty()) {
            putArchiveEntry(e);
            return;
        }
        for (Map.Entry<String, byte[]> r : records.entrySet()) {
            e.addPaxHeader(
                    r.getKey(), new String(r.getValue(), StandardCharsets.ISO_8859_1)); // a stand-in, swapped below
        }
        raw = records;
        try {
            putArchiveEntry(e);
            if (held != null) {
                throw new IllegalStateException(e.getName() + ": the extended header was never written");
            }
        } finally {
            raw = Map.of();
            held = null;
        }
    }

    @Override
    public void putArchiveEntry(TarArchiveEntry e) throws IOException {
        if (!raw.isEmpty() && held == null && e.isPaxHeader()) {
            held = e; // written in write(), once its data is known
            return;
        }
        super.putArchiveEntry(e);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (held == null) {
            super.write(b, off, len);
            return;
        }
        TarArchiveEntry header = held;
        held = null;
        byte[] given = java.util.Arrays.copyOfRange(b, off, off + len);
        Map<String, byte[]> records = new LinkedHashMap<>(PaxRecords.parse(given, given.length));
        for (Map.Entry<String, byte[]> r : raw.entrySet()) {
            if (records.replace(r.getKey(), r.getValue()) == null) {
                throw new IllegalStateException(
                        header.getName() + ": record " + r.getKey() + " missing from the extended header");
            }
        }
        byte[] data = PaxRecords.encode(records);
        header.setSize(data.length);
        super.putArchiveEntry(header);
        super.write(data, 0, data.length);
    }
}
