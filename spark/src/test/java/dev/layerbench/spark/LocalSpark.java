package dev.layerbench.spark;

import org.apache.spark.sql.SparkSession;

/** The test JVM's one Spark session: local[2], no UI, few shuffle partitions (the tests' data are small). */
public final class LocalSpark {

    private LocalSpark() {}

    public static synchronized SparkSession session() {
        return SparkSession.builder()
                .appName("layerbench-test")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }
}
