package dev.layerbench.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files the writer makes, read back by an independent reader (DuckDB's). */
class ParquetWriterTest {

    @TempDir
    Path dir;

    static final List<Column> COLUMNS = List.of(Column.string("s"), Column.int32("i"), Column.int64("l"));

    private Path write(int rows) throws Exception {
        Path file = dir.resolve("t.parquet");
        try (OutputStream out = Files.newOutputStream(file);
                ParquetWriter w = new ParquetWriter(COLUMNS, out)) {
            for (int k = 0; k < rows; k++) {
                w.row("dir/é-" + k, k - 5, -((long) k << 33));
            }
        }
        return file;
    }

    private static ResultSet query(Statement s, String sql) throws Exception {
        ResultSet r = s.executeQuery(sql);
        r.next();
        return r;
    }

    @Test
    void write_severalRowGroups_readBackExactly() throws Exception {
        int rows = ParquetWriter.ROW_GROUP_ROWS * 2 + 17;
        Path file = write(rows);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            String t = "read_parquet('" + file + "')";
            ResultSet r = query(s, "SELECT count(*), sum(i), min(l), max(strlen(s)) FROM " + t);
            assertEquals(rows, r.getLong(1));
            assertEquals((long) rows * (rows - 1) / 2 - 5L * rows, r.getLong(2));
            assertEquals(-((long) (rows - 1) << 33), r.getLong(3));
            assertEquals(
                    ("dir/é-" + (rows - 1)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length, r.getLong(4));
            assertEquals(
                    "dir/é-70000",
                    query(s, "SELECT s FROM " + t + " WHERE i = 69995").getString(1));
            assertEquals(
                    3,
                    query(s, "SELECT count(*) FROM parquet_metadata('" + file + "') WHERE column_id = 0")
                            .getLong(1),
                    "row groups");
            assertEquals(
                    "StringType()",
                    query(s, "SELECT logical_type FROM parquet_schema('" + file + "') WHERE name = 's'")
                            .getString(1));
        }
    }

    @Test
    void write_doubles_readBackBitForBit() throws Exception {
        Path file = dir.resolve("d.parquet");
        double[] values = {0.37, -1.0, 1.0 / 3, Double.MIN_VALUE, 1e300};
        try (OutputStream out = Files.newOutputStream(file);
                ParquetWriter w = new ParquetWriter(List.of(Column.int32("k"), Column.float64("d")), out)) {
            for (int k = 0; k < values.length; k++) {
                w.row(k, values[k]);
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("SELECT k, d FROM read_parquet('" + file + "') ORDER BY k");
            for (double v : values) {
                r.next();
                assertEquals(v, r.getDouble(2));
            }
            assertEquals(
                    "DOUBLE",
                    query(s, "SELECT type FROM parquet_schema('" + file + "') WHERE name = 'd'")
                            .getString(1));
        }
    }

    @Test
    void write_gzip_readsBackAsTheSameTable_smaller() throws Exception {
        Path plain = write(70_000);
        Path zipped = dir.resolve("z.parquet");
        try (OutputStream out = Files.newOutputStream(zipped);
                ParquetWriter w = new ParquetWriter(COLUMNS, out, ParquetWriter.Codec.GZIP)) {
            for (int k = 0; k < 70_000; k++) {
                w.row("dir/é-" + k, k - 5, -((long) k << 33));
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            assertEquals(
                    0,
                    query(
                                    s,
                                    "SELECT count(*) FROM (SELECT * FROM read_parquet('" + plain + "') EXCEPT ALL "
                                            + "SELECT * FROM read_parquet('" + zipped + "'))")
                            .getLong(1));
            assertEquals(
                    70_000,
                    query(s, "SELECT count(*) FROM read_parquet('" + zipped + "')")
                            .getLong(1));
            assertEquals(
                    "GZIP",
                    query(s, "SELECT DISTINCT compression FROM parquet_metadata('" + zipped + "')")
                            .getString(1));
        }
        org.junit.jupiter.api.Assertions.assertTrue(
                Files.size(zipped) * 2 < Files.size(plain),
                Files.size(zipped) + " bytes gzipped, " + Files.size(plain) + " plain");
    }

    @Test
    void write_noRows_isAnEmptyTable() throws Exception {
        Path file = write(0);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            assertEquals(
                    0,
                    query(s, "SELECT count(*) FROM read_parquet('" + file + "')")
                            .getLong(1));
            assertEquals(
                    3,
                    query(s, "SELECT count(*) FROM parquet_schema('" + file + "') WHERE type IS NOT NULL")
                            .getLong(1));
        }
    }

    @Test
    void row_wrongValue_namesTheColumn() throws Exception {
        try (ParquetWriter w = new ParquetWriter(COLUMNS, OutputStream.nullOutputStream())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.row("x", "y", 1L));
            assertEquals("i: expected an int, got y", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> w.row("x", 1));
        }
    }
}
