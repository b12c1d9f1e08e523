package dev.layerbench.spark;

import dev.layerbench.sizing.SizingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A SQL file of {@code sql/} (sizing.sql, registry.sql) run on Spark SQL: the substitutions of {@code sql/spark.sed}
 * applied, whole-line comments dropped, split into statements at a {@code ;} ending a line, and each
 * {@code parquet.`X`} made {@code parquet.`BASE/X`} (the export's directory, any Hadoop URI). Each {@code CACHE TABLE x
 * AS q} (spark.sed's spelling of {@code CREATE TEMP TABLE}) is run as {@code spark.sql(q).localCheckpoint()} under the
 * name {@code x}: the table is computed once and its plan cut, so a table read by later ones does not carry every plan
 * above it (Spark's {@code CACHE TABLE} does, and sizing.sql's chain of tables then grows plans past memory).
 *
 * @param statements what runs, in order
 */
public record SparkScript(List<String> statements) {

    private static final Pattern CACHE =
            Pattern.compile("CACHE TABLE ([A-Za-z_][A-Za-z0-9_]*) AS\\s+(.*)", Pattern.DOTALL);
    private static final Pattern PARQUET = Pattern.compile("parquet\\.`([^`]*)`");
    /** Spark's message of raise_error: {@code [USER_RAISED_EXCEPTION] text SQLSTATE: P0001}. */
    private static final Pattern RAISED =
            Pattern.compile("\\[USER_RAISED_EXCEPTION\\] (.*?)(?: SQLSTATE: P0001|$)", Pattern.DOTALL);

    public SparkScript {
        statements = List.copyOf(statements);
    }

    /** A file of the jar's {@code sql/} (the tree's {@code sql/} at build time). */
    public static String resource(String name) throws IOException {
        try (InputStream in = SparkScript.class.getResourceAsStream("/sql/" + name)) {
            if (in == null) {
                throw new IOException("sql/" + name + ": not in the job's jar (build it with mvn -Pspark package)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code sql} (named {@code where} in errors) made ready for Spark over the export at {@code base}. */
    public static SparkScript prepare(String sql, SedScript sed, String base) {
        String text = sed.apply(sql);
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.strip().startsWith("--")) {
                kept.append(line).append('\n');
            }
        }
        String prefix = base.endsWith("/") ? base : base + "/";
        List<String> statements = new ArrayList<>();
        for (String s : kept.toString().split(";[ \t]*\n")) {
            String st = s.strip();
            if (st.isEmpty()) {
                continue;
            }
            Matcher m = PARQUET.matcher(st);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String path = m.group(1);
                boolean absolute = path.startsWith("/") || path.matches("[A-Za-z][A-Za-z0-9+.-]*:.*");
                m.appendReplacement(
                        out, Matcher.quoteReplacement("parquet.`" + (absolute ? path : prefix + path) + "`"));
            }
            m.appendTail(out);
            statements.add(out.toString());
        }
        return new SparkScript(statements);
    }

    /**
     * Runs every statement; returns the rows of the last one that returns rows. A {@code raise_error} of the file's
     * checks becomes a {@link SizingException} with its one line.
     */
    public List<Row> run(SparkSession spark) throws SizingException {
        List<Row> last = List.of();
        for (String st : statements) {
            try {
                Matcher cache = CACHE.matcher(st);
                if (cache.matches()) {
                    spark.sql(cache.group(2)).localCheckpoint(true).createOrReplaceTempView(cache.group(1));
                } else if (returnsRows(st)) {
                    Dataset<Row> d = spark.sql(st);
                    last = d.collectAsList();
                } else {
                    spark.sql(st);
                }
            } catch (RuntimeException e) {
                throw new SizingException(oneLine(e));
            }
        }
        return last;
    }

    private static boolean returnsRows(String st) {
        String head = st.substring(0, Math.min(st.length(), 8)).toUpperCase(java.util.Locale.ROOT);
        return head.startsWith("SELECT") || head.startsWith("WITH") || head.startsWith("VALUES");
    }

    /** The check's own text for a raise_error anywhere in the causes, else the first line of Spark's message. */
    static String oneLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null) {
                Matcher r = RAISED.matcher(m);
                if (r.find()) {
                    return r.group(1).strip().lines().findFirst().orElse("");
                }
            }
        }
        String m = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
        return m.strip().lines().findFirst().orElse(m);
    }
}
