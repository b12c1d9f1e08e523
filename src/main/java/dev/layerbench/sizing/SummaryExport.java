package dev.layerbench.sizing;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.layerbench.digest.Digest;
import dev.layerbench.fs.AtomicFile;
import dev.layerbench.parquet.Column;
import dev.layerbench.parquet.ParquetWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A fleet as files an existing engine reads (DuckDB, Spark). {@link Format#PARQUET} (the default): {@code params.parquet}
 * (filesystem and workload), {@code images.parquet} (one row per image layer) and per layer the tables of
 * {@link SummaryParquet}; {@code sql/sizing.sql} computes the whole report from them ({@code sql/README.md} has the
 * schema). {@link Format#CSV}: {@code images.csv} ({@code ref, containers, layer_index, diff_id}) and the cached
 * summaries as {@code summaries/sha256/<diff_id hex>.csv} ({@link SummaryCsv}'s columns), as before.
 */
public final class SummaryExport {

    /** The file format of an export. */
    public enum Format {
        PARQUET,
        CSV
    }

    /** One layer of one image. */
    @JsonPropertyOrder({"ref", "containers", "layer_index", "diff_id"})
    public record ImageLayer(
            String ref,
            int containers,

            @com.fasterxml.jackson.annotation.JsonProperty("layer_index")
            int layerIndex,

            @com.fasterxml.jackson.annotation.JsonProperty("diff_id")
            String diffId) {}

    /** Columns of {@code params.parquet}: one row. */
    public static final List<Column> PARAMS = List.of(
            Column.string("export_id"),
            Column.string("fs"),
            Column.int32("modify_files"),
            Column.int64("modify_bytes"),
            Column.int32("add_files"),
            Column.int64("add_bytes"),
            Column.int32("delete_files"),
            Column.int64("page_size"),
            Column.float64("read_fraction"));

    /**
     * What the memory model ({@link MemoryModel}) was asked, recorded in {@code params.parquet}: the page size and the
     * fraction of its image's file bytes each container reads; {@link #NONE} when no memory was asked (the SQL's
     * memory column is then NULL).
     */
    public record MemoryRead(long pageSize, double fraction) {

        /** No memory figure asked ({@code size} without {@code --read}): written as read_fraction -1. */
        public static final MemoryRead NONE = new MemoryRead(4096, -1);

        public MemoryRead {
            if (pageSize < 512 || Long.bitCount(pageSize) != 1) {
                throw new IllegalArgumentException("page size must be a power of two >= 512, got " + pageSize);
            }
            if (!(fraction >= 0 && fraction <= 1) && fraction != -1) {
                throw new IllegalArgumentException("read fraction must be between 0 and 1, got " + fraction);
            }
        }
    }

    /** Columns of {@code images.parquet}: one row per layer of each image, bottom layer 0. */
    public static final List<Column> IMAGES = List.of(
            Column.string("export_id"),
            Column.int32("image_index"),
            Column.string("ref"),
            Column.int64("containers"),
            Column.int32("layer_index"),
            Column.string("diff_id"),
            Column.int64("entries"),
            Column.int64("chunks"));

    private SummaryExport() {}

    /**
     * Writes {@code fleet}, sized on {@code fs} under {@code workload}, into {@code dir} in {@code format} (CSV copies
     * the summaries from {@code cache}).
     */
    public static void write(
            List<FleetImage> fleet,
            Filesystem fs,
            Workload workload,
            MemoryRead memory,
            SummaryCache cache,
            Path dir,
            Format format)
            throws IOException {
        if (format == Format.CSV) {
            writeCsv(fleet, cache, dir);
        } else {
            writeParquet(fleet, fs, workload, memory, dir);
        }
    }

    /** The Parquet export without a memory figure. */
    public static void writeParquet(List<FleetImage> fleet, Filesystem fs, Workload workload, Path dir)
            throws IOException {
        writeParquet(fleet, fs, workload, MemoryRead.NONE, dir);
    }

    /** The Parquet export; {@code export_id} ties params and images together (a digest of both). */
    public static void writeParquet(
            List<FleetImage> fleet, Filesystem fs, Workload workload, MemoryRead memory, Path dir) throws IOException {
        Set<Digest> done = new HashSet<>();
        StringBuilder identity = new StringBuilder(fs.label())
                .append(' ')
                .append(workload.format())
                .append(' ')
                .append(memory.pageSize())
                .append(' ')
                .append(memory.fraction())
                .append('\n');
        for (FleetImage image : fleet) {
            identity.append(image.ref()).append(' ').append(image.containers());
            for (LayerSummary l : image.layers()) {
                identity.append(' ').append(l.diffId());
                if (done.add(l.diffId())) {
                    SummaryParquet.write(l, dir);
                }
            }
            identity.append('\n');
        }
        String exportId = Digest.of(identity.toString().getBytes(StandardCharsets.UTF_8))
                .hex()
                .substring(0, 16);
        AtomicFile.write(dir.resolve("images.parquet"), AtomicFile.Durability.ATOMIC_ONLY, out -> {
            try (ParquetWriter w = new ParquetWriter(IMAGES, out)) {
                for (int i = 0; i < fleet.size(); i++) {
                    FleetImage image = fleet.get(i);
                    for (int j = 0; j < image.layers().size(); j++) {
                        LayerSummary l = image.layers().get(j);
                        long chunks = 0;
                        for (SummaryEntry e : l.entries()) {
                            chunks += e.chunks().count();
                        }
                        w.row(
                                exportId,
                                i,
                                image.ref(),
                                (long) image.containers(),
                                j,
                                l.diffId().toString(),
                                (long) l.entries().size(),
                                chunks);
                    }
                }
            }
        });
        writeParams(dir.resolve("params.parquet"), exportId, fs, workload, memory);
    }

    private static void writeCsv(List<FleetImage> fleet, SummaryCache cache, Path dir) throws IOException {
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
        List<ImageLayer> rows = new ArrayList<>();
        for (FleetImage image : fleet) {
            for (int i = 0; i < image.layers().size(); i++) {
                rows.add(new ImageLayer(
                        image.ref(),
                        image.containers(),
                        i,
                        image.layers().get(i).diffId().hex()));
            }
        }
        writeImagesCsv(dir.resolve("images.csv"), rows);
    }

    /** {@code images.csv} of the CSV form: a header, then {@code rows}. */
    static void writeImagesCsv(Path target, List<ImageLayer> rows) throws IOException {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = mapper.schemaFor(ImageLayer.class).withHeader();
        AtomicFile.write(target, AtomicFile.Durability.ATOMIC_ONLY, out -> {
            try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    SequenceWriter seq = mapper.writer(schema).writeValues(w)) {
                for (ImageLayer row : rows) {
                    seq.write(row);
                }
            }
        });
    }

    /** {@code params.parquet}: the one row of {@link #PARAMS} that says how an export is to be sized. */
    static void writeParams(Path file, String exportId, Filesystem fs, Workload workload, MemoryRead memory)
            throws IOException {
        AtomicFile.write(file, AtomicFile.Durability.ATOMIC_ONLY, out -> {
            try (ParquetWriter w = new ParquetWriter(PARAMS, out)) {
                w.row(
                        exportId,
                        fs.label(),
                        workload.modifyFiles(),
                        workload.modifyBytes(),
                        workload.addFiles(),
                        workload.addBytes(),
                        workload.deleteFiles(),
                        memory.pageSize(),
                        memory.fraction());
            }
        });
    }
}
