package dev.layerbench.testing;

import dev.layerbench.parquet.Column;
import dev.layerbench.parquet.ParquetWriter;
import dev.layerbench.sizing.SummaryParquet;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer's summary in an export ({@code summaries/sha256/<hex>.parquet}) rewritten wrong on purpose: one regular-file
 * row under {@link SummaryParquet#ENTRIES} with one column left out or of another type. Every reader of an export (the
 * SQL sizing on DuckDB, the Spark job) must name the file and the column in one line.
 */
public final class BrokenSummary {

    private BrokenSummary() {}

    /** Rewrites {@code summary} with {@code column} left out. */
    public static void withoutColumn(Path summary, String column) throws IOException {
        List<Column> columns = new ArrayList<>(SummaryParquet.ENTRIES);
        columns.remove(indexOf(columns, column));
        write(summary, columns);
    }

    /** Rewrites {@code summary} with {@code column} holding strings. */
    public static void withStringColumn(Path summary, String column) throws IOException {
        List<Column> columns = new ArrayList<>(SummaryParquet.ENTRIES);
        columns.set(indexOf(columns, column), Column.string(column));
        write(summary, columns);
    }

    private static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("a summary has no column " + name);
    }

    private static void write(Path summary, List<Column> columns) throws IOException {
        String diffId = "sha256:" + summary.getFileName().toString().replace(".parquet", "");
        Object[] row = columns.stream().map(c -> value(c, diffId)).toArray();
        try (OutputStream o = Files.newOutputStream(summary);
                ParquetWriter w = new ParquetWriter(columns, o)) {
            w.row(row);
        }
    }

    /** One regular file {@code x} of 1 byte, mode 0644, owned by root. */
    private static Object value(Column c, String diffId) {
        return switch (c.name()) {
            case "diff_id" -> diffId;
            case "path" -> "x";
            case "kind" -> "FILE";
            case "size" -> c.type() == Column.Type.STRING ? "1" : 1L;
            case "mode" -> c.type() == Column.Type.STRING ? "0644" : 0644;
            default ->
                switch (c.type()) {
                    case STRING -> "";
                    case INT32 -> 0;
                    case INT64 -> 0L;
                    case DOUBLE -> 0.0;
                };
        };
    }
}
