package dev.layerbench.sizing;

import dev.layerbench.fs.AtomicFile;
import dev.layerbench.parquet.Column;
import dev.layerbench.parquet.ParquetWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The Parquet tables of a sizing export, the schema {@code sql/README.md} documents and {@code sql/sizing.sql} reads:
 * per layer {@code summaries/sha256/<hex>.parquet} (its entries) and {@code chunks/sha256/<hex>.parquet} (its files'
 * chunks), each row naming its layer by diff_id, so files may be split or merged freely.
 */
public final class SummaryParquet {

    /** Columns of a layer's entries, one row per entry in tar order. */
    public static final List<Column> ENTRIES = List.of(
            Column.string("diff_id"),
            Column.int32("ordinal"),
            Column.string("path"),
            Column.string("kind"),
            Column.int64("size"),
            Column.string("sha256"),
            Column.string("link"),
            Column.int32("mode"),
            Column.int32("uid"),
            Column.int32("gid"),
            Column.int32("xattrs"),
            Column.int64("xattr_bytes"));

    /** Columns of a layer's chunks, one row per chunk of each regular file. */
    public static final List<Column> CHUNKS = List.of(
            Column.string("diff_id"),
            Column.int32("ordinal"),
            Column.int32("chunk_index"),
            Column.int64("chunk_id"),
            Column.int32("length"));

    private SummaryParquet() {}

    /** Writes {@code layer}'s entries and chunks under {@code dir} (each file atomically). */
    public static void write(LayerSummary layer, Path dir) throws IOException {
        String hex = layer.diffId().hex();
        AtomicFile.write(
                dir.resolve("summaries/sha256/" + hex + ".parquet"),
                AtomicFile.Durability.ATOMIC_ONLY,
                out -> writeEntries(layer, out));
        AtomicFile.write(
                dir.resolve("chunks/sha256/" + hex + ".parquet"),
                AtomicFile.Durability.ATOMIC_ONLY,
                out -> writeChunks(layer, out));
    }

    /** {@code layer}'s entries as one Parquet file of {@link #ENTRIES} on {@code out} (left open). */
    public static void writeEntries(LayerSummary layer, OutputStream out) throws IOException {
        String diffId = layer.diffId().toString();
        try (ParquetWriter w = new ParquetWriter(ENTRIES, out)) {
            int ordinal = 0;
            for (SummaryEntry e : layer.entries()) {
                writeEntry(w, diffId, ordinal++, e);
            }
        }
    }

    /** {@code layer}'s chunks as one Parquet file of {@link #CHUNKS} on {@code out} (left open). */
    public static void writeChunks(LayerSummary layer, OutputStream out) throws IOException {
        String diffId = layer.diffId().toString();
        try (ParquetWriter w = new ParquetWriter(CHUNKS, out)) {
            int ordinal = 0;
            for (SummaryEntry e : layer.entries()) {
                long[] ids = e.chunks().ids();
                int[] lengths = e.chunks().lengths();
                for (int i = 0; i < ids.length; i++) {
                    w.row(diffId, ordinal, i, ids[i], lengths[i]);
                }
                ordinal++;
            }
        }
    }

    /** One row of {@link #ENTRIES}: entry {@code ordinal} of the layer {@code diffId}, in the columns' order. */
    static void writeEntry(ParquetWriter w, String diffId, int ordinal, SummaryEntry e) throws IOException {
        w.row(
                diffId,
                ordinal,
                e.path(),
                SummaryCsv.csvName(e.kind()),
                e.size(),
                e.sha256(),
                e.link(),
                e.mode(),
                e.uid(),
                e.gid(),
                e.xattrs(),
                e.xattrBytes());
    }
}
