package dev.layerbench.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.layerbench.sizing.SizingReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code size --format csv}: one row per layout, with the fleet's filesystem, workload and container count. */
final class SizeCsv {

    @JsonPropertyOrder({
        "layout",
        "bytes",
        "inodes",
        "bytesPerContainer",
        "fixedBytes",
        "fixedInodes",
        "containers",
        "fs",
        "workload"
    })
    record Row(
            String layout,
            long bytes,
            long inodes,
            double bytesPerContainer,
            long fixedBytes,
            long fixedInodes,
            long containers,
            String fs,
            String workload) {}

    private static final CsvMapper MAPPER = new CsvMapper();

    private SizeCsv() {}

    static void write(SizingReport r, PrintWriter out) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (SizingReport.LayoutSize l : r.layouts()) {
            rows.add(new Row(
                    l.layout().label(),
                    l.bytes(),
                    l.inodes(),
                    l.bytesPerContainer(),
                    l.fixedBytes(),
                    l.fixedInodes(),
                    r.containers(),
                    r.fs().label(),
                    r.workload().format()));
        }
        CsvSchema schema = MAPPER.schemaFor(Row.class).withHeader();
        out.print(MAPPER.writer(schema).writeValueAsString(rows));
    }
}
