package dev.layerbench.sizing;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.layerbench.fs.AtomicFile;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A fleet as files an existing engine reads (DuckDB, Spark): {@code images.csv} (one row per image layer:
 * {@code ref, containers, layer_index, diff_id}) and {@code summaries/sha256/<diff_id hex>.csv} (the cached summaries,
 * {@link SummaryCsv}'s columns). The aggregation over them is in the README (DuckDB SQL); when a corpus outgrows one
 * machine, the summaries are the unit of work: made per layer, anywhere, and read by the engine.
 */
public final class SummaryExport {

    /** One layer of one image. */
    @JsonPropertyOrder({"ref", "containers", "layer_index", "diff_id"})
    public record ImageLayer(String ref, int containers,
                             @com.fasterxml.jackson.annotation.JsonProperty("layer_index") int layerIndex,
                             @com.fasterxml.jackson.annotation.JsonProperty("diff_id") String diffId) {
    }

    private SummaryExport() {
    }

    /** Writes {@code dir/images.csv} and copies the summaries the fleet uses into {@code dir/summaries/sha256/}. */
    public static void write(List<FleetImage> fleet, SummaryCache cache, Path dir) throws IOException {
        Path summaries = Files.createDirectories(dir.resolve("summaries").resolve("sha256"));
        Set<String> done = new HashSet<>();
        for (FleetImage image : fleet) {
            for (LayerSummary l : image.layers()) {
                if (done.add(l.diffId().hex())) {
                    Path from = cache.path(l.diffId());
                    Path to = summaries.resolve(from.getFileName());
                    AtomicFile.write(to, AtomicFile.Durability.ATOMIC_ONLY, out -> Files.copy(from, out));
                }
            }
        }
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = mapper.schemaFor(ImageLayer.class).withHeader();
        Path target = dir.resolve("images.csv");
        AtomicFile.write(target, AtomicFile.Durability.ATOMIC_ONLY, out -> {
            try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                 SequenceWriter rows = mapper.writer(schema).writeValues(w)) {
                for (FleetImage image : fleet) {
                    for (int i = 0; i < image.layers().size(); i++) {
                        rows.write(new ImageLayer(image.ref(), image.containers(), i,
                                image.layers().get(i).diffId().hex()));
                    }
                }
            }
        });
    }
}
