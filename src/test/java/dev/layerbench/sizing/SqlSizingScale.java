package dev.layerbench.sizing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Times {@code sql/sizing.sql} in DuckDB against {@link FleetSizer} on the seeded synthetic fleet, after checking every
 * figure equal. Not a test (run by hand, sql/README.md says how); arguments: {@code IMAGES BASE_FILES}.
 */
public final class SqlSizingScale {

    private SqlSizingScale() {}

    public static void main(String[] args) throws Exception {
        int images = Integer.parseInt(args[0]);
        int baseFiles = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("sql-scale");
        List<FleetImage> fleet = SyntheticFleet.generate(1, images, 100, 10, 20, baseFiles);
        long rows = 0;
        long imageRows = 0;
        Set<Object> seen = new HashSet<>();
        for (FleetImage f : fleet) {
            for (LayerSummary l : f.layers()) {
                imageRows += l.entries().size();
                if (seen.add(l.diffId())) {
                    rows += l.entries().size();
                }
            }
        }
        long t0 = System.nanoTime();
        SizingReport java = new FleetSizer(Filesystem.EXT4, SizingSqlTest.WRITES).size(fleet);
        long t1 = System.nanoTime();
        SummaryExport.writeParquet(fleet, Filesystem.EXT4, SizingSqlTest.WRITES, dir);
        long t2 = System.nanoTime();
        SqlSizing.Report sql = SqlSizing.run(dir);
        long t3 = System.nanoTime();
        SizingSqlTest.assertSame(java, sql);
        System.out.printf(
                "images %d, summary rows %d (%d over the images' layers): FleetSizer %.2f s, Parquet export"
                        + " %.2f s, DuckDB sizing.sql %.2f s; every figure equal%n",
                images, rows, imageRows, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }
}
