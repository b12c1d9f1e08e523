package dev.layerbench.spark;

import dev.layerbench.sizing.Filesystem;
import dev.layerbench.sizing.FleetLayout;
import dev.layerbench.sizing.SizingException;
import dev.layerbench.sizing.SizingReport;
import dev.layerbench.sizing.Workload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code sql/sizing.sql} on Spark SQL over an export (any Hadoop URI), its report tables read back: as rows (column
 * name to value, for comparing with DuckDB) and as the {@link SizingReport} {@code size} prints. The report's stats are
 * counts of the SQL's own tables (layers, le, stack_firsts, pool_names, tree_chunks); its layouts carry no per-image
 * figures (the text and JSON reports do not print them).
 *
 * @param layouts the last statement's rows with report_layouts' fixed_bytes and fixed_inodes: layout, bytes, inodes,
 *     bytes_per_container, fixed_bytes, fixed_inodes, memory_bytes
 * @param images  report_images by image_index
 * @param dedup   report_dedup's row
 * @param copyUp  report_copy_up's row
 * @param report  the same as {@code size}'s report
 * @param memory  memory_bytes per layout, where not NULL
 */
public record SparkSizing(
        List<Map<String, Object>> layouts,
        List<Map<String, Object>> images,
        Map<String, Object> dedup,
        Map<String, Object> copyUp,
        SizingReport report,
        Map<FleetLayout, Long> memory) {

    /** Runs the jar's sql/sizing.sql (after its sql/spark.sed) over the export at {@code base}. */
    public static SparkSizing run(SparkSession spark, String base) throws IOException {
        return run(spark, base, SparkScript.resource("sizing.sql"), SparkScript.resource("spark.sed"));
    }

    /** Runs {@code sql} (sizing.sql's text) after {@code sed} (spark.sed's) over the export at {@code base}. */
    public static SparkSizing run(SparkSession spark, String base, String sql, String sed) throws IOException {
        ExportSchema.check(spark, base, ExportSchema.Tables.SIZING);
        SparkScript script = SparkScript.prepare(sql, SedScript.parse(sed, "spark.sed"), base);
        long start = System.nanoTime();
        List<Row> last = script.run(spark);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Map<String, Object>> lastRows = maps(last);
        List<Map<String, Object>> table =
                maps(spark.sql("SELECT layout, fixed_bytes, fixed_inodes FROM report_layouts ORDER BY ord")
                        .collectAsList());
        if (table.size() != lastRows.size()) {
            throw new SizingException("sizing.sql: its last statement returned " + lastRows.size()
                    + " rows, report_layouts has " + table.size());
        }
        List<Map<String, Object>> layouts = new ArrayList<>();
        for (int i = 0; i < lastRows.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>(lastRows.get(i));
            row.put("fixed_bytes", table.get(i).get("fixed_bytes"));
            row.put("fixed_inodes", table.get(i).get("fixed_inodes"));
            layouts.add(row);
        }
        List<Map<String, Object>> images = maps(
                spark.sql("SELECT * FROM report_images ORDER BY image_index").collectAsList());
        Map<String, Object> dedup =
                maps(spark.sql("SELECT * FROM report_dedup").collectAsList()).getFirst();
        Map<String, Object> copyUp =
                maps(spark.sql("SELECT * FROM report_copy_up").collectAsList()).getFirst();
        Map<String, Object> params = maps(spark.sql(
                                "SELECT fs, modify_files, modify_bytes, add_files, add_bytes, delete_files FROM params")
                        .collectAsList())
                .getFirst();
        Map<String, Object> stats = maps(spark.sql("SELECT (SELECT count(*) FROM layers) AS layers,"
                                + " (SELECT count(*) FROM stack_firsts) AS images, (SELECT count(*) FROM le) AS entries,"
                                + " (SELECT n FROM pool_names) AS contents, (SELECT n FROM tree_chunks) AS chunks")
                        .collectAsList())
                .getFirst();
        return report(layouts, images, dedup, copyUp, params, stats, seconds);
    }

    private static SparkSizing report(
            List<Map<String, Object>> layouts,
            List<Map<String, Object>> images,
            Map<String, Object> dedup,
            Map<String, Object> copyUp,
            Map<String, Object> params,
            Map<String, Object> stats,
            double seconds)
            throws SizingException {
        Filesystem fs = Filesystem.parse((String) params.get("fs"));
        Workload workload = new Workload(
                num(params, "modify_files").intValue(),
                num(params, "modify_bytes").longValue(),
                num(params, "add_files").intValue(),
                num(params, "add_bytes").longValue(),
                num(params, "delete_files").intValue());
        List<SizingReport.LayoutSize> sizes = new ArrayList<>();
        Map<FleetLayout, Long> memory = new LinkedHashMap<>();
        for (Map<String, Object> l : layouts) {
            FleetLayout layout = layout((String) l.get("layout"));
            sizes.add(new SizingReport.LayoutSize(
                    layout,
                    num(l, "bytes").longValue(),
                    num(l, "inodes").longValue(),
                    num(l, "bytes_per_container").doubleValue(),
                    num(l, "fixed_bytes").longValue(),
                    num(l, "fixed_inodes").longValue(),
                    List.of(),
                    List.of()));
            if (l.get("memory_bytes") != null) {
                memory.put(layout, num(l, "memory_bytes").longValue());
            }
        }
        List<SizingReport.ImageSize> imageSizes = new ArrayList<>();
        long containers = 0;
        for (Map<String, Object> i : images) {
            imageSizes.add(new SizingReport.ImageSize(
                    (String) i.get("ref"),
                    num(i, "containers").intValue(),
                    num(i, "size_bytes").longValue(),
                    num(i, "shared_bytes").longValue(),
                    num(i, "unique_bytes").longValue(),
                    num(i, "wasted_bytes").longValue(),
                    num(i, "layers").intValue(),
                    num(i, "files").longValue()));
            containers += num(i, "containers").longValue();
        }
        SizingReport.Dedup d = new SizingReport.Dedup(
                num(dedup, "layer").doubleValue(),
                num(dedup, "file").doubleValue(),
                num(dedup, "chunk").doubleValue(),
                num(dedup, "logical_bytes").longValue(),
                num(dedup, "layer_bytes").longValue(),
                num(dedup, "file_bytes").longValue(),
                num(dedup, "chunk_bytes").longValue());
        SizingReport.CopyUp c = new SizingReport.CopyUp(
                num(copyUp, "copied_up_bytes").longValue(),
                num(copyUp, "written_bytes").longValue(),
                num(copyUp, "amplification").doubleValue());
        SizingReport.Stats s = new SizingReport.Stats(
                num(stats, "layers").intValue(),
                num(stats, "images").intValue(),
                num(stats, "entries").longValue(),
                num(stats, "contents").longValue(),
                num(stats, "chunks").longValue(),
                seconds);
        SizingReport report = new SizingReport(fs, workload, containers, sizes, imageSizes, d, c, s);
        return new SparkSizing(layouts, images, dedup, copyUp, report, memory);
    }

    private static FleetLayout layout(String label) throws SizingException {
        for (FleetLayout l : FleetLayout.values()) {
            if (l.label().equals(label)) {
                return l;
            }
        }
        throw new SizingException("sizing.sql: layout \"" + label + "\" is not one size knows");
    }

    private static Number num(Map<String, Object> row, String column) throws SizingException {
        if (!(row.get(column) instanceof Number n)) {
            throw new SizingException("sizing.sql: column " + column + " is " + row.get(column) + ", not a number");
        }
        return n;
    }

    /** Rows as column name to value, in the columns' order. */
    static List<Map<String, Object>> maps(List<Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            String[] names = r.schema().fieldNames();
            for (int i = 0; i < names.length; i++) {
                m.put(names[i], r.get(i));
            }
            out.add(m);
        }
        return out;
    }
}
