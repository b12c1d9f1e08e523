package dev.layerbench.spark;

import dev.layerbench.parquet.Column;
import dev.layerbench.sizing.SizingException;
import dev.layerbench.sizing.SummaryExport;
import dev.layerbench.sizing.SummaryParquet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Every Parquet file of an export has every column of its table ({@code sql/README.md}) with its physical type, read
 * from the files' footers (in tasks, for the summaries): Spark reading a glob of files takes the schema of one of them
 * and gives NULL for a column another file lacks, so without this a missing column would be a silent zero.
 * {@code sql/sizing.sql}'s DuckDB-only block makes the same check there, in the same words.
 */
public final class ExportSchema {

    /** One table: the glob under the export, its columns. */
    private record Table(String glob, List<Column> columns) {}

    private static final List<Table> TABLES = List.of(
            new Table("params.parquet", SummaryExport.PARAMS),
            new Table("images.parquet", SummaryExport.IMAGES),
            new Table("summaries/*/*.parquet", SummaryParquet.ENTRIES),
            new Table("chunks/*/*.parquet", SummaryParquet.CHUNKS));

    /** The registry aggregation reads only images and the two summary tables. */
    public enum Tables {
        SIZING,
        REGISTRY
    }

    private ExportSchema() {}

    /** Checks the export at {@code base}; the first mismatch found is a {@link SizingException} of one line. */
    public static void check(SparkSession spark, String base, Tables which) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path root = new Path(base);
        String qualified = root.getFileSystem(conf).makeQualified(root).toString();
        // the files' names relative to the export in messages, as the globs list them (qualified)
        String prefix = qualified.endsWith("/") ? qualified : qualified + "/";
        for (Table t : TABLES) {
            if (which == Tables.REGISTRY && t.glob().equals("params.parquet")) {
                continue;
            }
            Path glob = new Path(prefix + t.glob());
            String shown = (base.endsWith("/") ? base : base + "/") + t.glob();
            FileSystem fs = glob.getFileSystem(conf);
            FileStatus[] found = fs.globStatus(glob);
            if (found == null || found.length == 0) {
                if (t.glob().contains("*")) {
                    continue; // no summaries at all: the SQL's checks name the layers that miss theirs
                }
                throw new SizingException(shown + ": no such file");
            }
            List<String> files = new ArrayList<>();
            for (FileStatus f : found) {
                files.add(f.getPath().toString());
            }
            // name:TYPE, plain strings for the tasks
            List<String> columns = new ArrayList<>();
            for (Column c : t.columns()) {
                columns.add(c.name() + ":" + physical(c.type()));
            }
            String first;
            if (files.size() == 1) {
                first = mismatch(files.getFirst(), columns, conf, prefix);
            } else {
                SerializableWritable<Configuration> shared = new SerializableWritable<>(conf);
                int slices = Math.max(
                        1, Math.min(files.size() / 64, spark.sparkContext().defaultParallelism() * 4));
                List<String> errors = new JavaSparkContext(spark.sparkContext())
                        .parallelize(files, slices)
                        .mapPartitions((Iterator<String> it) -> {
                            Configuration local = shared.value();
                            List<String> out = new ArrayList<>();
                            while (it.hasNext() && out.isEmpty()) {
                                String m = mismatch(it.next(), columns, local, prefix);
                                if (m != null) {
                                    out.add(m);
                                }
                            }
                            return out.iterator();
                        })
                        .take(1);
                first = errors.isEmpty() ? null : errors.getFirst();
            }
            if (first != null) {
                throw new SizingException(first);
            }
        }
    }

    /** What is wrong with one file, or null: {@code FILE: column NAME (TYPE) is missing or of another type}. */
    static String mismatch(String file, List<String> columns, Configuration conf, String prefix) throws IOException {
        String name = file.startsWith(prefix) ? file.substring(prefix.length()) : file;
        MessageType schema;
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
            schema = r.getFooter().getFileMetaData().getSchema();
        } catch (RuntimeException | IOException e) {
            return name + ": not a Parquet file (" + SparkScript.oneLine(e) + ")";
        }
        for (String c : columns) {
            String column = c.substring(0, c.indexOf(':'));
            String want = c.substring(c.indexOf(':') + 1);
            String found = null;
            if (schema.containsField(column)) {
                Type t = schema.getType(column);
                found = !t.isPrimitive()
                        ? "a group"
                        : t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
                                ? "BYTE_ARRAY"
                                : t.asPrimitiveType().getPrimitiveTypeName().name();
            }
            if (!want.equals(found)) {
                return name + ": column " + column + " (" + want + ") is missing or of another type"
                        + (found == null ? "" : " (" + found + ")");
            }
        }
        return null;
    }

    private static String physical(Column.Type type) {
        return switch (type) {
            case INT32 -> PrimitiveType.PrimitiveTypeName.INT32.name();
            case INT64 -> PrimitiveType.PrimitiveTypeName.INT64.name();
            case DOUBLE -> PrimitiveType.PrimitiveTypeName.DOUBLE.name();
            case STRING -> "BYTE_ARRAY";
        };
    }
}
