package dev.layerbench.sizing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code sql/sizing.sql} in DuckDB (JDBC, in process) over an export directory and reads its report views. */
public final class SqlSizing {

    /** The SQL file, from the project root (tests run there). */
    static final Path SQL = Path.of("sql", "sizing.sql");

    /** One report: rows of each view as column name to value. */
    public record Report(
            List<Map<String, Object>> layouts,
            List<Map<String, Object>> images,
            Map<String, Object> dedup,
            Map<String, Object> copyUp) {}

    private SqlSizing() {}

    /** Runs the whole file in {@code dir}; the last statement's rows are the layouts, checked against the view. */
    /**
     * Layouts the sizer models that sql/sizing.sql does not yet: none (erofs and composefs-style are in it). Kept so that
     * a layout added to the sizer before the SQL can be listed here; a layout missing from SQL beyond these fails.
     */
    public static final java.util.Set<String> NOT_IN_SQL_YET = java.util.Set.of();

    public static Report run(Path dir) throws Exception {
        String sql = Files.readString(SQL);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute(
                    "SET file_search_path = '" + dir.toAbsolutePath().toString().replace("'", "''") + "'");
            s.execute("SET threads = 2");
            List<Map<String, Object>> last = new ArrayList<>();
            if (s.execute(sql)) {
                last = rows(s.getResultSet());
            }
            List<Map<String, Object>> layouts = rows(
                    s.executeQuery(
                            "SELECT layout, bytes, inodes, bytes_per_container, fixed_bytes, fixed_inodes, memory_bytes FROM report_layouts ORDER BY ord"));
            if (last.size() != layouts.size()) {
                throw new AssertionError(
                        "the last statement returned " + last.size() + " rows, report_layouts " + layouts.size());
            }
            for (int i = 0; i < last.size(); i++) {
                for (String k : last.get(i).keySet()) {
                    if (!java.util.Objects.equals(
                            last.get(i).get(k), layouts.get(i).get(k))) {
                        throw new AssertionError("last statement row " + i + " " + k + " differs from report_layouts");
                    }
                }
            }
            List<Map<String, Object>> images = rows(s.executeQuery("SELECT * FROM report_images ORDER BY image_index"));
            Map<String, Object> dedup =
                    rows(s.executeQuery("SELECT * FROM report_dedup")).getFirst();
            Map<String, Object> copyUp =
                    rows(s.executeQuery("SELECT * FROM report_copy_up")).getFirst();
            return new Report(layouts, images, dedup, copyUp);
        }
    }

    /** Runs {@code sql/registry.sql} in {@code dir} (DuckDB with {@code settings}, e.g. memory_limit): its one row. */
    public static Map<String, Object> registry(Path dir, String... settings) throws Exception {
        String sql = Files.readString(Path.of("sql", "registry.sql"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute(
                    "SET file_search_path = '" + dir.toAbsolutePath().toString().replace("'", "''") + "'");
            s.execute("SET threads = 2");
            for (String setting : settings) {
                s.execute("SET " + setting);
            }
            s.execute(sql);
            return rows(s.executeQuery("SELECT * FROM report_registry")).getFirst();
        }
    }

    private static List<Map<String, Object>> rows(ResultSet r) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        int n = r.getMetaData().getColumnCount();
        while (r.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= n; i++) {
                row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
            }
            out.add(row);
        }
        r.close();
        return out;
    }
}
