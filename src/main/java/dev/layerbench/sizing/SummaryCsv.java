package dev.layerbench.sizing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.layerbench.digest.Digest;
import dev.layerbench.oci.EntryKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
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
    @JsonPropertyOrder({"path", "kind", "size", "sha256", "link", "mode", "uid", "gid", "chunks", "xattrs", "xattr_bytes"})
    public record Row(String path, String kind, long size, String sha256, String link, int mode, int uid, int gid,
                      String chunks, int xattrs, @JsonProperty("xattr_bytes") long xattrBytes) {
    }

    /** The header line, exactly; a cached summary with another header is from an older format and made again. */
    public static final String HEADER = "path,kind,size,sha256,link,mode,uid,gid,chunks,xattrs,xattr_bytes";

    private static final CsvMapper MAPPER = new CsvMapper();
    private static final CsvSchema SCHEMA = MAPPER.schemaFor(Row.class).withHeader();
    private static final ObjectWriter WRITER = MAPPER.writerFor(Row.class).with(SCHEMA);

    private SummaryCsv() {
    }

    public static void write(LayerSummary summary, OutputStream out) throws IOException {
        try (SequenceWriter w = WRITER.writeValues(new java.io.OutputStreamWriter(nonClosing(out), StandardCharsets.UTF_8))) {
            for (SummaryEntry e : summary.entries()) {
                w.write(new Row(e.path(), csvName(e.kind()), e.size(), e.sha256(), e.link(), e.mode(), e.uid(), e.gid(),
                        e.chunks().format(), e.xattrs(), e.xattrBytes()));
            }
        }
    }

    /** Reads a summary of layer {@code diffId}; {@code where} names the source in the one-line error. */
    public static LayerSummary read(InputStream in, Digest diffId, String where) throws IOException {
        Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8);
        List<SummaryEntry> entries = new ArrayList<>();
        try (MappingIterator<Row> rows = MAPPER.readerFor(Row.class).with(SCHEMA).readValues(reader)) {
            int line = 1;
            while (rows.hasNextValue()) {
                Row r = rows.nextValue();
                line++;
                try {
                    entries.add(new SummaryEntry(r.path(), kind(r.kind()), r.size(), nz(r.sha256()),
                            nz(r.link()), r.mode(), r.uid(), r.gid(), Chunks.parse(r.chunks(), where + " line " + line),
                            r.xattrs(), r.xattrBytes()));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new SizingException(where + " line " + line + ": " + e.getMessage());
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SizingException(where + ": not a layer summary: " + e.getOriginalMessage());
        }
        return new LayerSummary(diffId, entries);
    }

    /** Whether {@code file} begins with this format's {@link #HEADER}. */
    public static boolean isCurrent(java.nio.file.Path file) throws IOException {
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return HEADER.equals(r.readLine());
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
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
