package dev.layerbench.sizing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Times {@code sql/registry.sql} in DuckDB (in process, memory_limit 4GB, 2 threads) over a corpus export made by the
 * {@code corpus} tool, and prints the process's peak resident memory (VmHWM: the JVM's and DuckDB's). Not a test (run by
 * hand, results/sql/README.md says how); argument: {@code EXPORT_DIR}.
 */
public final class RegistryScale {

    private RegistryScale() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long t0 = System.nanoTime();
        Map<String, Object> r = SqlSizing.registry(dir, "memory_limit = '4GB'", "preserve_insertion_order = false");
        double seconds = (System.nanoTime() - t0) / 1e9;
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM"))
                .findFirst()
                .orElse("VmHWM: ?")
                .replaceAll("\\s+", " ");
        System.out.printf(
                "%s: registry.sql %.1f s, peak RSS %s; %s%n", dir, seconds, hwm.substring(hwm.indexOf(':') + 2), r);
    }
}
