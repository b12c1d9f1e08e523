package dev.layerbench.tar;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * commons-compress's tar reader, plus each entry's PAX records as bytes ({@link #xattrs()}). commons-compress decodes
 * every PAX value as UTF-8, which turns binary xattr values (capabilities, ACLs, any 0x80..0xff byte) into U+FFFD; so
 * this reader watches its own input: when a header record of type {@code x} or {@code g} goes past, the data bytes
 * that follow are kept as they stream through, still in the one pass (nothing is read twice, nothing is buffered but
 * the extended header itself), and parsed with {@link PaxRecords}. After each entry the raw records are checked against
 * what commons-compress applied: an xattr it saw that the raw records do not give the same way fails the read.
 * Names are decoded as UTF-8. The stream it reads is not closed by {@link #close()} unless the caller closes it.
 */
public final class PaxTarInputStream extends TarArchiveInputStream {

    /** An extended header larger than this is refused: no real writer comes near it. */
    public static final long MAX_EXTENDED_HEADER = 16L << 20;

    private final Tap tap;
    private final List<Map<String, byte[]>> local = new ArrayList<>();
    private final Map<String, byte[]> global = new LinkedHashMap<>();
    private int depth;
    private PaxXattrs xattrs = PaxXattrs.NONE;

    private PaxTarInputStream(Tap tap) {
        super(tap, StandardCharsets.UTF_8.name());
        this.tap = tap;
    }

    /** A reader of the uncompressed tar {@code in}; entry names as UTF-8. */
    public static PaxTarInputStream open(InputStream in) {
        return new PaxTarInputStream(new Tap(in));
    }

    /** The xattrs of the entry last returned by {@link #getNextEntry()}, with the records it could not read. */
    public PaxXattrs xattrs() {
        return xattrs;
    }

    @Override
    public TarArchiveEntry getNextEntry() throws IOException {
        // commons-compress calls this again from inside, once per extended header it meets before the real entry
        if (depth == 0) {
            local.clear();
            xattrs = PaxXattrs.NONE;
        }
        depth++;
        TarArchiveEntry e;
        try {
            e = super.getNextEntry();
        } finally {
            depth--;
        }
        if (depth == 0) {
            endCapture();
            if (e != null) {
                xattrs = collect(e);
            }
        }
        return e;
    }

    @Override
    protected byte[] readRecord() throws IOException {
        endCapture(); // an extended header's data ends where the next record begins
        byte[] r = super.readRecord();
        if (r != null && r.length >= TarConstants.DEFAULT_RCDSIZE && !isEOFRecord(r)) {
            byte type = r[
                    TarConstants.NAMELEN
                            + TarConstants.MODELEN
                            + TarConstants.UIDLEN
                            + TarConstants.GIDLEN
                            + TarConstants.SIZELEN
                            + TarConstants.MODTIMELEN
                            + TarConstants.CHKSUMLEN];
            if (type == TarConstants.LF_PAX_EXTENDED_HEADER_LC
                    || type == TarConstants.LF_PAX_EXTENDED_HEADER_UC
                    || type == TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER) {
                long size;
                try {
                    size = TarUtils.parseOctalOrBinary(
                            r,
                            TarConstants.NAMELEN + TarConstants.MODELEN + TarConstants.UIDLEN + TarConstants.GIDLEN,
                            TarConstants.SIZELEN);
                } catch (IllegalArgumentException bad) {
                    return r; // commons-compress reports the bad header itself
                }
                if (size > MAX_EXTENDED_HEADER) {
                    throw new IOException(
                            "a PAX extended header of " + size + " bytes (more than " + MAX_EXTENDED_HEADER + ")");
                }
                tap.start((int) size, type == TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER);
            }
        }
        return r;
    }

    private void endCapture() {
        if (!tap.capturing()) {
            return;
        }
        boolean isGlobal = tap.global;
        Map<String, byte[]> records = PaxRecords.parse(tap.captured.toByteArray(), tap.captured.size());
        tap.stop();
        if (isGlobal) {
            records.forEach((k, v) -> {
                global.remove(k);
                global.put(k, v);
            });
        } else {
            local.add(records);
        }
    }

    /** Global records, then the local ones: of two extended headers before one entry, the first wins, as in commons-compress. */
    private PaxXattrs collect(TarArchiveEntry e) throws IOException {
        Map<String, String> applied = e.getExtraPaxHeaders();
        if (global.isEmpty() && local.isEmpty() && applied.isEmpty()) {
            return PaxXattrs.NONE;
        }
        Map<String, byte[]> records = new LinkedHashMap<>(global);
        for (int i = local.size() - 1; i >= 0; i--) {
            records.putAll(local.get(i));
        }
        for (Map.Entry<String, String> a : applied.entrySet()) {
            String k = a.getKey();
            if (!k.startsWith(PaxXattrs.SCHILY_XATTR) && !k.startsWith(PaxXattrs.LIBARCHIVE_XATTR)) {
                continue;
            }
            byte[] raw = records.get(k);
            if (raw == null || !new String(raw, StandardCharsets.UTF_8).equals(a.getValue())) {
                throw new IOException(
                        "entry \"" + e.getName() + "\": PAX record " + k + " could not be read byte for byte");
            }
        }
        return PaxXattrs.of(records);
    }

    /** Passes the tar through, keeping the bytes of an extended header while one streams past. */
    private static final class Tap extends FilterInputStream {
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        private int left = -1;
        private boolean global;

        Tap(InputStream in) {
            super(in);
        }

        void start(int size, boolean isGlobal) {
            captured.reset();
            left = size;
            global = isGlobal;
        }

        boolean capturing() {
            return left >= 0;
        }

        void stop() {
            left = -1;
            captured.reset();
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && left > 0) {
                captured.write(b);
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0 && left > 0) {
                int keep = Math.min(n, left);
                captured.write(b, off, keep);
                left -= keep;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            if (left <= 0) {
                return in.skip(n);
            }
            // read what is skipped while an extended header streams past, so none of it is missed
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int r = read(buffer, 0, buffer.length);
            return Math.max(r, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
