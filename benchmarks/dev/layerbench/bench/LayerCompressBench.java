package dev.layerbench.bench;

import dev.layerbench.codec.Compression;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.dataset.LayerRecord;
import dev.layerbench.dataset.TemporaryDataset;
import dev.layerbench.digest.Digest;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.layer.LayerStream;
import dev.layerbench.tar.LayerDigests;
import dev.layerbench.tar.LayerOutput;
import dev.layerbench.tar.LayerWriterOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does storing a layer cost with no compression, gzip (level 6) or zstd (level 3), when the tar's diff_id and the
 * blob's digest are both computed in the same pass, as the dataset builder and a commit do?
 *
 * <p>Input: the median-sized layer (by uncompressed bytes) of the default dataset {@code synthetic-default}, built on
 * the fly under the working directory in {@code @Setup(Level.Trial)}, read into memory once and checked against its
 * pinned diff_id. Each operation pushes that tar through {@link LayerOutput} into a null stream and checks the diff_id
 * it measured. The primary score is layers per second; {@code mbPerSec} is megabytes (10^6 bytes) of tar per second.
 * The stored sizes of every layer, per compression, are in {@code datasets/README.md}.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar LayerCompressBench -f 1 -wi 2 -i 3}
 *
 * <p>Result (2-vCPU AMD EPYC VM, Linux 6.18, Temurin 25.0.3, working directory on the VM's ext4 root disk, 2026-11-30,
 * shared with other agents' work; {@code java -jar target/benchmarks.jar LayerCompressBench -f 1 -wi 1 -i 3}): NONE
 * 85.9 ± 1.6 ops/s (899.0 ± 16.8 MB/s of tar), GZIP 8.24 ± 0.96 ops/s (86.3 ± 10.0 MB/s), ZSTD 25.0 ± 12.6 ops/s
 * (261.5 ± 131.6 MB/s).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class LayerCompressBench extends ForkedBench.Heap2g {

    @Param({"NONE", "GZIP", "ZSTD"})
    public Compression compression;

    private byte[] tar;
    private Digest diffId;

    /** Builds the default dataset, picks its median layer, reads it whole and verifies it against the manifest. */
    @Setup(Level.Trial)
    public void prepare() throws IOException {
        try (TemporaryDataset data = Datasets.temporaryDefault();
                ImageArchive archive = ImageArchive.open(data.root())) {
            List<LayerRecord> layers = data.dataset().recorded().images().stream()
                    .flatMap(i -> i.layers().stream())
                    .distinct()
                    .sorted(Comparator.comparingLong(LayerRecord::uncompressedSize))
                    .toList();
            LayerRecord median = layers.get(layers.size() / 2);
            for (String tag : data.dataset().tags()) {
                Image image = archive.image(tag);
                for (Layer layer : image.layers()) {
                    if (layer.diffId().equals(median.diffId()) && tar == null) {
                        try (LayerStream in = archive.openUncompressed(layer)) {
                            tar = in.readAllBytes();
                            in.verifyToEnd();
                        }
                    }
                }
            }
            diffId = median.diffId();
        }
        if (tar == null || !Digest.of(tar).equals(diffId)) {
            throw new IllegalStateException("the median layer of " + Datasets.DEFAULT + " is not its pinned diff_id");
        }
    }

    /** Bytes pushed, reported as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Meter {
        /** Megabytes (10^6 bytes) of tar written. */
        public double mbPerSec;
    }

    @Benchmark
    public Digest store(Meter meter) throws IOException {
        try (LayerOutput out = LayerOutput.open(OutputStream.nullOutputStream(), LayerWriterOptions.of(compression))) {
            out.write(tar, 0, tar.length);
            LayerDigests d = out.finish(0);
            if (!d.diffId().equals(diffId)) {
                throw new IllegalStateException("diff_id changed: " + d.diffId());
            }
            meter.mbPerSec += tar.length / 1e6;
            return d.digest();
        }
    }
}
