package dev.layerbench.spark;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code sql/registry.sql} on Spark SQL over an export or a {@code corpus}: the registry's dedup at layer, file and
 * chunk level without flattening any image; its one row (images, layers, file_rows, distinct_contents,
 * unique_file_fraction, logical_bytes, layer_bytes, file_bytes, chunk_bytes, layer, file, chunk).
 */
public final class SparkRegistry {

    private SparkRegistry() {}

    /** The jar's registry.sql over the export at {@code base}. */
    public static Map<String, Object> run(SparkSession spark, String base) throws IOException {
        ExportSchema.check(spark, base, ExportSchema.Tables.REGISTRY);
        SparkScript script = SparkScript.prepare(
                SparkScript.resource("registry.sql"),
                SedScript.parse(SparkScript.resource("spark.sed"), "spark.sed"),
                base);
        List<Row> last = script.run(spark);
        return SparkSizing.maps(last).getFirst();
    }
}
