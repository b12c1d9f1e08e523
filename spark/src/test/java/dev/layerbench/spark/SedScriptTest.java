package dev.layerbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code sql/spark.sed} applied in Java leaves each SQL file as {@code sed -E -f} does, byte for byte. */
class SedScriptTest {

    @ParameterizedTest
    @ValueSource(strings = {"sizing.sql", "registry.sql"})
    void apply_sqlFiles_sameAsSed(String file) throws Exception {
        Path sql = Path.of("sql", file);
        Process p;
        try {
            p = new ProcessBuilder("sed", "-E", "-f", "sql/spark.sed", sql.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (java.io.IOException e) {
            Assumptions.abort("no sed on this machine: " + e.getMessage());
            return;
        }
        String sed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        String java = SedScript.parse(Files.readString(Path.of("sql", "spark.sed")), "spark.sed")
                .apply(Files.readString(sql));
        assertEquals(sed, java);
        assertTrue(!java.contains("CREATE TEMP TABLE") && !java.contains("read_parquet("), "substituted");
    }

    @org.junit.jupiter.api.Test
    void parse_otherCommand_refusedWithItsLine() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SedScript.parse("s/a/b/g\ny/abc/xyz/\n", "x.sed"));
        assertTrue(e.getMessage().startsWith("x.sed:2: "), e.getMessage());
    }
}
