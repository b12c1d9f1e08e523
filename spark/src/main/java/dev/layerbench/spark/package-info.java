/**
 * The Spark job (built by the {@code spark} Maven profile only, into {@code target/spark/layerbench-spark.jar}; Spark
 * is not in the default jar): sizing past one machine.
 *
 * <ul>
 *   <li>{@link dev.layerbench.spark.LayerBlobs}: {@link dev.layerbench.sizing.Summarizer} mapped over layer blobs at any
 *       Hadoop path (gzip, zstd or plain tar), each layer's summary written as the export's Parquet
 *       ({@link dev.layerbench.sizing.SummaryParquet}, the same bytes {@code size --export} writes).
 *   <li>{@link dev.layerbench.spark.SparkScript}: a SQL file of {@code sql/} run on Spark SQL after the substitutions
 *       of {@code sql/spark.sed} ({@link dev.layerbench.spark.SedScript}), each {@code CREATE TEMP TABLE} materialized
 *       with its lineage cut.
 *   <li>{@link dev.layerbench.spark.SparkSizing}: {@code sql/sizing.sql} on an export, read back as a
 *       {@link dev.layerbench.sizing.SizingReport} and printed as {@code size} prints it;
 *       {@link dev.layerbench.spark.SparkRegistry}: {@code sql/registry.sql}.
 *   <li>{@link dev.layerbench.spark.ExportSchema}: every Parquet file of an export checked against the schema first,
 *       so a missing or retyped column is one line naming the file and the column, never a silent NULL.
 * </ul>
 *
 * <p>{@link dev.layerbench.spark.SparkJob} is the command line ({@code spark-submit --class
 * dev.layerbench.spark.SparkJob}).
 */
package dev.layerbench.spark;
