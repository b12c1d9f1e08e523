package dev.layerbench.parquet;

/**
 * One column of a flat Parquet table: always {@code REQUIRED} (no nulls).
 *
 * @param name the column's name
 * @param type its physical and logical type
 */
public record Column(String name, Type type) {

    /** The column types the writer knows. */
    public enum Type {
        /** Parquet INT32. */
        INT32,
        /** Parquet INT64. */
        INT64,
        /** Parquet BYTE_ARRAY annotated as a UTF-8 string. */
        STRING,
        /** Parquet DOUBLE (IEEE 754, 64 bits). */
        DOUBLE
    }

    public Column {
        if (name == null || name.isEmpty() || type == null) {
            throw new IllegalArgumentException("a column needs a name and a type");
        }
    }

    public static Column int32(String name) {
        return new Column(name, Type.INT32);
    }

    public static Column int64(String name) {
        return new Column(name, Type.INT64);
    }

    public static Column float64(String name) {
        return new Column(name, Type.DOUBLE);
    }

    public static Column string(String name) {
        return new Column(name, Type.STRING);
    }
}
