package dev.layerbench.sizing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import dev.layerbench.digest.Digest;
import dev.layerbench.oci.EntryKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer summary as CSV (RFC 4180, a header line, UTF-8), one row per entry, the columns of {@link Row}: the cache
 * format and the export that DuckDB or Spark read directly ({@code read_csv('summaries/sha256/*.csv', filename=true)}:
 * the file name is the diff_id).
 */
public final class SummaryCsv {

    /**
     * One entry; {@code kind} is an {@link EntryKind} name ({@code DIR} for a directory), {@code mode} decimal, {@code chunks} as
     * {@link Chunks#format()}, {@code xattrs} and {@code xattr_bytes} as {@link SummaryEntry} has them.
     */
    @JsonPropertyOrder({
        "path",
        "kind",
        "size",
        "sha256",
        "link",
        "mode",
        "uid",
        "gid",
        "chunks",
        "xattrs",
        "xattr_bytes"
    })
    public record Row(
            String path,
            String kind,
            long size,
            String sha256,
            String link,
            int mode,
            int uid,
            int gid,
            String chunks,
            int xattrs,
            @JsonProperty("xattr_bytes") long xattrBytes) {}

    /** The header line, exactly; a cached summary with another header is from an older format and made again. */
    public static final String HEADER = "path,kind,size,sha256,link,mode,uid,gid,chunks,xattrs,xattr_bytes";

    /** Jackson's CSV writer, made on the first write (a holder class: reading a cached summary does not load it). */
    private static final class Writer {
        static final CsvMapper MAPPER = new CsvMapper();
        static final ObjectWriter WRITER =
                MAPPER.writerFor(Row.class).with(MAPPER.schemaFor(Row.class).withHeader());
    }

    private SummaryCsv() {}

    public static void write(LayerSummary summary, OutputStream out) throws IOException {
        try (SequenceWriter w =
                Writer.WRITER.writeValues(new java.io.OutputStreamWriter(nonClosing(out), StandardCharsets.UTF_8))) {
            for (SummaryEntry e : summary.entries()) {
                w.write(new Row(
                        e.path(),
                        csvName(e.kind()),
                        e.size(),
                        e.sha256(),
                        e.link(),
                        e.mode(),
                        e.uid(),
                        e.gid(),
                        e.chunks().format(),
                        e.xattrs(),
                        e.xattrBytes()));
            }
        }
    }

    /**
     * Reads a summary of layer {@code diffId}; {@code where} names the source in the one-line error. Read by hand, not
     * by Jackson: a {@code size} whose summaries are cached reads only these, and Jackson's CSV mapper costs more to
     * load (about 0.1 s) than the rest of the read.
     */
    public static LayerSummary read(InputStream in, Digest diffId, String where) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        List<SummaryEntry> entries = new ArrayList<>();
        Records records = new Records(text);
        List<String> header = records.next();
        if (header == null || !String.join(",", header).equals(HEADER)) {
            throw new SizingException(where + ": not a layer summary: its first line is not " + HEADER);
        }
        int line = 1;
        for (List<String> r = records.next(); r != null; r = records.next()) {
            line++;
            try {
                if (r.size() != COLUMNS) {
                    throw new IllegalArgumentException("expected " + COLUMNS + " fields, found " + r.size());
                }
                entries.add(new SummaryEntry(
                        r.get(0),
                        kind(r.get(1)),
                        Long.parseLong(r.get(2)),
                        r.get(3),
                        r.get(4),
                        Integer.parseInt(r.get(5)),
                        Integer.parseInt(r.get(6)),
                        Integer.parseInt(r.get(7)),
                        Chunks.parse(r.get(8), where + " line " + line),
                        Integer.parseInt(r.get(9)),
                        Long.parseLong(r.get(10))));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new SizingException(where + " line " + line + ": " + e.getMessage());
            }
        }
        if (records.unterminated) {
            throw new SizingException(where + ": not a layer summary: a quoted field runs to the end of the file");
        }
        return new LayerSummary(diffId, entries);
    }

    private static final int COLUMNS = 11;

    /** RFC 4180 records: fields split at commas, a quoted field may hold commas, doubled quotes and line breaks. */
    private static final class Records {
        private final String text;
        private int pos;
        boolean unterminated;

        Records(String text) {
            this.text = text;
        }

        /** The next record's fields, or null at the end. */
        List<String> next() {
            if (pos >= text.length()) {
                return null;
            }
            List<String> fields = new ArrayList<>(COLUMNS);
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (quoted) {
                    if (c != '"') {
                        field.append(c);
                    } else if (pos < text.length() && text.charAt(pos) == '"') {
                        field.append('"');
                        pos++;
                    } else {
                        quoted = false;
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
                        pos++;
                    }
                    fields.add(field.toString());
                    return fields;
                } else {
                    field.append(c);
                }
            }
            unterminated = quoted;
            fields.add(field.toString());
            return fields;
        }
    }

    /** Whether {@code file} begins with this format's {@link #HEADER}. */
    public static boolean isCurrent(java.nio.file.Path file) throws IOException {
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return HEADER.equals(r.readLine());
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /** The kind as this file format names it: the enum's name, but {@code DIR} for a directory, as it always was. */
    static String csvName(EntryKind kind) {
        return kind == EntryKind.DIRECTORY ? "DIR" : kind.name();
    }

    static EntryKind kind(String csvName) {
        return csvName.equals("DIR") ? EntryKind.DIRECTORY : EntryKind.valueOf(csvName);
    }
}
