package dev.layerbench.spark;

import dev.layerbench.codec.Compression;
import dev.layerbench.digest.Digest;
import dev.layerbench.digest.Sha256;
import dev.layerbench.parquet.Column;
import dev.layerbench.parquet.ParquetWriter;
import dev.layerbench.sizing.LayerSummary;
import dev.layerbench.sizing.SizingException;
import dev.layerbench.sizing.Summarizer;
import dev.layerbench.sizing.SummaryEntry;
import dev.layerbench.sizing.SummaryParquet;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.SparkSession;

/**
 * Layer summaries made where the layers are: {@link Summarizer} mapped over every blob at a Hadoop path (a
 * directory such as an OCI layout's {@code blobs/sha256}, a glob, comma-separated paths; local, HDFS, S3 through
 * s3a, ...), one task per group of blobs. A blob is a layer when it starts with gzip's or zstd's magic or is a tar
 * (ustar magic, or a zero block); anything else (manifests, configs, indexes) is skipped and counted. Each layer is
 * decompressed and summarized in one pass, its diff_id the SHA-256 of the tar; a blob named by 64 hex digits must have
 * that digest. Its entries and chunks are written as {@code OUT/summaries/sha256/<diff_id hex>.parquet} and
 * {@code OUT/chunks/sha256/<hex>.parquet}, the bytes {@code size --export} writes (temporary name, then rename), and
 * {@code OUT/blobs.parquet} lists what each blob was (blob, compression, diff_id, entries, chunks): what
 * {@code images.parquet} needs besides the fleet.
 */
public final class LayerBlobs {

    /** Columns of {@code blobs.parquet}: one row per layer blob. */
    public static final List<Column> BLOBS = List.of(
            Column.string("blob"),
            Column.string("compression"),
            Column.string("diff_id"),
            Column.int64("entries"),
            Column.int64("chunks"));

    /** What became of one blob: a layer (diffId set), skipped (not a layer) or an error. */
    public record Blob(
            String path, String compression, String diffId, long entries, long chunks, String skipped, String error)
            implements Serializable {}

    /** What a run did. */
    public record Result(List<Blob> layers, List<Blob> skipped) {}

    private static final Digest PENDING = new Digest("0".repeat(64));
    private static final int TAR_BLOCK = 512;

    private LayerBlobs() {}

    /** Summarizes every layer blob at {@code blobs} into the export directory {@code out}. */
    public static Result summarize(SparkSession spark, String blobs, String out) throws IOException {
        JavaSparkContext sc = new JavaSparkContext(spark.sparkContext());
        sc.hadoopConfiguration().setBoolean("mapreduce.input.fileinputformat.input.dir.recursive", true);
        String base = out.endsWith("/") ? out : out + "/";
        List<Blob> all = sc.binaryFiles(blobs, sc.defaultParallelism() * 4)
                .map(pair -> one(pair._1(), pair._2(), base))
                .collect();
        List<Blob> layers = new ArrayList<>();
        List<Blob> skipped = new ArrayList<>();
        for (Blob b : all) {
            if (b.error() != null) {
                throw new SizingException(b.error());
            }
            (b.skipped() != null ? skipped : layers).add(b);
        }
        if (layers.isEmpty()) {
            throw new SizingException(blobs + ": no layer blob (gzip, zstd or tar) among " + all.size() + " files");
        }
        layers.sort(Comparator.comparing(Blob::path));
        Configuration conf = sc.hadoopConfiguration();
        write(new Path(base + "blobs.parquet"), conf, o -> {
            try (ParquetWriter w = new ParquetWriter(BLOBS, o)) {
                for (Blob b : layers) {
                    w.row(b.path(), b.compression(), b.diffId(), b.entries(), b.chunks());
                }
            }
        });
        return new Result(layers, skipped);
    }

    /** One blob, in a task: never throws for bad input, the error travels back in the result. */
    static Blob one(String path, PortableDataStream data, String base) {
        try (InputStream raw = data.open()) {
            MessageDigest blobSha = Sha256.newDigest();
            BufferedInputStream in = new BufferedInputStream(new DigestInputStream(raw, blobSha), 1 << 16);
            in.mark(TAR_BLOCK);
            byte[] head = in.readNBytes(TAR_BLOCK);
            in.reset();
            Compression c = Compression.detect(head, head.length);
            if (c == Compression.NONE && !isTar(head)) {
                return new Blob(path, null, null, 0, 0, "not gzip, zstd or tar", null);
            }
            MessageDigest tarSha = Sha256.newDigest();
            LayerSummary s;
            try (InputStream tar = new DigestInputStream(c.decompress(in), tarSha)) {
                s = Summarizer.summarize(tar, PENDING, path);
                in.transferTo(OutputStream.nullOutputStream()); // the compressed stream to its end, for its digest
            }
            String name = new Path(path).getName();
            String blobHex = Sha256.snapshot(blobSha).hex();
            if (name.matches("[0-9a-f]{64}") && !name.equals(blobHex)) {
                return new Blob(
                        path,
                        null,
                        null,
                        0,
                        0,
                        null,
                        path + ": content digest is sha256:" + blobHex + ", its name says " + name);
            }
            LayerSummary layer = new LayerSummary(Sha256.snapshot(tarSha), s.entries());
            Configuration conf = data.getConfiguration();
            String hex = layer.diffId().hex();
            write(
                    new Path(base + "summaries/sha256/" + hex + ".parquet"),
                    conf,
                    o -> SummaryParquet.writeEntries(layer, o));
            write(
                    new Path(base + "chunks/sha256/" + hex + ".parquet"),
                    conf,
                    o -> SummaryParquet.writeChunks(layer, o));
            long chunks = 0;
            for (SummaryEntry e : layer.entries()) {
                chunks += e.chunks().count();
            }
            return new Blob(
                    path, c.label(), layer.diffId().toString(), layer.entries().size(), chunks, null, null);
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            return new Blob(path, null, null, 0, 0, null, m.startsWith(path) ? m : path + ": " + m);
        }
    }

    /** A tar's first block: ustar's magic at 257, or all zeros (an empty archive). */
    static boolean isTar(byte[] head) {
        if (head.length < TAR_BLOCK) {
            return false;
        }
        if (head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a' && head[261] == 'r') {
            return true;
        }
        for (byte b : head) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Something written to one stream. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code file} under a temporary name beside it, then renames it into place: readers see a whole file or
     * none. A file already there is whole (only renames put files there) and, named by its layer's diff_id, the same
     * bytes: it is kept (the same layer may come twice, compressed two ways), as is {@code blobs.parquet} replaced.
     */
    static void write(Path file, Configuration conf, Content content) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        if (fs instanceof LocalFileSystem local) {
            fs = local.getRawFileSystem(); // no .crc file beside each: the export is only its Parquet files
        }
        Path temp = new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID() + ".tmp");
        try (OutputStream o = fs.create(temp, true)) {
            content.writeTo(o);
        }
        if (fs.rename(temp, file)) {
            return;
        }
        if (fs.exists(file) && !file.getName().equals("blobs.parquet")) {
            fs.delete(temp, false);
            return;
        }
        if (fs.exists(file)) {
            fs.delete(file, false);
        }
        if (!fs.rename(temp, file)) {
            fs.delete(temp, false);
            throw new IOException(file + ": could not rename " + temp.getName() + " into place");
        }
    }
}
