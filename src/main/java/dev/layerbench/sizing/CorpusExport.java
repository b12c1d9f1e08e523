package dev.layerbench.sizing;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.AtomicFile;
import dev.layerbench.parquet.ParquetWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a {@link RegistryCorpus} as a sizing export ({@code sql/README.md}'s schema) while it is generated, each layer
 * dropped once written: layers go into {@code summaries/corpus/part-NNNNN.parquet} and {@code chunks/corpus/part-NNNNN.parquet},
 * a new part past {@link #PART_ROWS} rows, GZIP pages. The directory is made beside the target and renamed onto it when
 * complete, so a failed run leaves nothing; the target must not exist. The same rows and seed give the same bytes.
 */
public final class CorpusExport {

    /** Rows a part file holds before the next one is begun (at a layer's end). */
    public static final long PART_ROWS = 4L << 20;

    private CorpusExport() {}

    /** What {@link #write} made: the corpus's figures and the bytes written. */
    public record Written(RegistryCorpus.Result corpus, long bytes) {}

    public static Written write(
            long rows, long seed, Filesystem fs, Workload workload, SummaryExport.MemoryRead memory, Path target)
            throws IOException {
        return write(rows, seed, fs, workload, memory, target, SummaryExport.Format.PARQUET);
    }

    /**
     * As {@link #write(long, long, Filesystem, Workload, SummaryExport.MemoryRead, Path)} in {@code format}: with
     * {@link SummaryExport.Format#CSV} the export's CSV form ({@code images.csv}, one {@code summaries/sha256/<hex>.csv}
     * per layer in {@link SummaryCsv}'s columns, each image's containers 1; that form records no filesystem, workload
     * or memory figure, so those are not written).
     */
    public static Written write(
            long rows,
            long seed,
            Filesystem fs,
            Workload workload,
            SummaryExport.MemoryRead memory,
            Path target,
            SummaryExport.Format format)
            throws IOException {
        if (Files.exists(target)) {
            throw new IOException(target + ": already exists (a corpus is written into a new directory)");
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
        try {
            if (format == SummaryExport.Format.CSV) {
                RegistryCorpus.Result r = writeCsv(rows, seed, temp);
                long bytes = bytes(temp);
                Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                return new Written(r, bytes);
            }
            Map<Digest, long[]> counts = new HashMap<>();
            RegistryCorpus.Result r;
            try (Parts entries = new Parts(temp.resolve("summaries/corpus"), SummaryParquet.ENTRIES);
                    Parts chunks = new Parts(temp.resolve("chunks/corpus"), SummaryParquet.CHUNKS)) {
                r = RegistryCorpus.generate(rows, seed, layer -> {
                    String diffId = layer.diffId().toString();
                    long chunkRows = 0;
                    int ordinal = 0;
                    for (SummaryEntry e : layer.entries()) {
                        SummaryParquet.writeEntry(entries.writer(), diffId, ordinal, e);
                        long[] ids = e.chunks().ids();
                        int[] lengths = e.chunks().lengths();
                        for (int i = 0; i < ids.length; i++) {
                            chunks.writer().row(diffId, ordinal, i, ids[i], lengths[i]);
                        }
                        chunkRows += ids.length;
                        ordinal++;
                    }
                    entries.rows(layer.entries().size());
                    chunks.rows(chunkRows);
                    counts.put(layer.diffId(), new long[] {layer.entries().size(), chunkRows});
                });
            }
            String exportId = Digest.of(("corpus " + rows + " " + seed + " " + fs.label() + " " + workload.format()
                                    + " " + memory.pageSize() + " " + memory.fraction())
                            .getBytes(StandardCharsets.UTF_8))
                    .hex()
                    .substring(0, 16);
            AtomicFile.write(temp.resolve("images.parquet"), AtomicFile.Durability.ATOMIC_ONLY, out -> {
                try (ParquetWriter w = new ParquetWriter(SummaryExport.IMAGES, out, ParquetWriter.Codec.GZIP)) {
                    List<RegistryCorpus.Image> images = r.images();
                    for (int i = 0; i < images.size(); i++) {
                        RegistryCorpus.Image image = images.get(i);
                        for (int j = 0; j < image.layers().size(); j++) {
                            Digest d = image.layers().get(j);
                            long[] c = counts.get(d);
                            w.row(exportId, i, image.ref(), 1L, j, d.toString(), c[0], c[1]);
                        }
                    }
                }
            });
            SummaryExport.writeParams(temp.resolve("params.parquet"), exportId, fs, workload, memory);
            long bytes = bytes(temp);
            Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new Written(r, bytes);
        } finally {
            if (Files.exists(temp)) {
                try (Stream<Path> s = Files.walk(temp)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    private static RegistryCorpus.Result writeCsv(long rows, long seed, Path temp) throws IOException {
        Path summaries = Files.createDirectories(temp.resolve("summaries").resolve("sha256"));
        RegistryCorpus.Result r = RegistryCorpus.generate(rows, seed, layer -> {
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(summaries.resolve(layer.diffId().hex() + ".csv")), 1 << 16)) {
                SummaryCsv.write(layer, out);
            }
        });
        List<SummaryExport.ImageLayer> images = new ArrayList<>();
        for (RegistryCorpus.Image image : r.images()) {
            for (int j = 0; j < image.layers().size(); j++) {
                images.add(new SummaryExport.ImageLayer(
                        image.ref(), 1, j, image.layers().get(j).hex()));
            }
        }
        SummaryExport.writeImagesCsv(temp.resolve("images.csv"), images);
        return r;
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    /** Part files of one table, the next begun when the current one has {@link #PART_ROWS} rows. */
    private static final class Parts implements AutoCloseable {
        private final Path dir;
        private final List<dev.layerbench.parquet.Column> columns;
        private int part;
        private long rows;
        private OutputStream out;
        private ParquetWriter writer;

        Parts(Path dir, List<dev.layerbench.parquet.Column> columns) throws IOException {
            this.dir = Files.createDirectories(dir);
            this.columns = columns;
        }

        ParquetWriter writer() throws IOException {
            if (writer == null) {
                out = new BufferedOutputStream(
                        Files.newOutputStream(dir.resolve(String.format("part-%05d.parquet", part++))), 1 << 20);
                writer = new ParquetWriter(columns, out, ParquetWriter.Codec.GZIP);
            }
            return writer;
        }

        /** A layer's rows are written: past the limit, the part is closed. */
        void rows(long n) throws IOException {
            rows += n;
            if (rows >= PART_ROWS) {
                close();
                rows = 0;
            }
        }

        @Override
        public void close() throws IOException {
            if (writer != null) {
                writer.close();
                out.close();
                writer = null;
            }
        }
    }
}
