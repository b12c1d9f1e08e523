package dev.layerbench.bench;

import dev.layerbench.codec.Compression;
import dev.layerbench.digest.Digest;
import dev.layerbench.fs.Trees;
import dev.layerbench.unpack.LayerBlob;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.UnpackSummary;
import dev.layerbench.unpack.Unpacker;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does applying one layer to disk take, both digests verified, for a plain, gzip and zstd layer?
 *
 * <p>Input: a synthetic layer generated in the trial setup with commons-compress: {@code files} regular files (sizes
 * log-uniform from 0 to 256 KiB, mean about 21 kB as in a Debian base layer, half random and half text, seeded), one directory per 40 files, a symlink and a hard
 * link per 100 files; stored as tar, tar+gzip and tar+zstd in a scratch directory under {@code dir}, and each blob's
 * digest and diff_id checked once before measuring. Each operation is {@link Unpacker#applyLayer} of the blob with
 * its digest and diff_id into a new directory (staging directory, rename into place), so the result is verified.
 * The setup prints the layer's uncompressed bytes and entries: MB/s = bytes / score, entries/s = entries / score.
 *
 * <p>State: one operation per iteration ({@link Mode#SingleShotTime}); the previous target is deleted in
 * {@code @Setup(Level.Iteration)}, outside the measurement. Page cache: the blob was just written, so it is read from
 * the page cache (warm); the target's files go to the page cache and are not fsynced (as GNU tar and umoci do).
 * {@code dir} names the directory whose disk is written (default: the working directory).
 *
 * <p>ext4 note: on an ext4 without a journal, creating files right after deleting many (the previous iteration's
 * target) makes the inode allocator skip every recently freed inode ({@code recently_deleted} in a profile), which makes
 * file creation many times slower and measures the allocator, not the unpacker (GNU tar pays the same). A journaled
 * ext4 (mkfs.ext4's default) does not do this: point {@code dir} at one (e.g. {@code truncate -s 8G img; mkfs.ext4 -q
 * img; mount -o loop img /mnt/x}; {@code peers --fs ext4} makes one the same way for its own runs).
 *
 * <p>Run: {@code java -jar target/benchmarks.jar UnpackBench -p dir=/path/on/disk -f 1 -wi 3 -i 10}; on a real
 * layer: {@code ... UnpackBench -p layer=/path/minbase.tar.zst -p codec=none}
 *
 * <p>Result (2-vCPU AMD EPYC VM, Linux 6.18, Temurin 25.0.3, onto a fresh journaled ext4 in a loop file, run on or
 * before 2026-11-28 (committed then; JMH output in results/unpack/jmh-minbase-ext4.txt and jmh-synthetic-ext4.txt),
 * {@code -f 1 -wi 5 -i 10}): Debian minbase layer, 178,698,240 bytes, 6,680 entries: plain 284.7 ± 44.8 ms/op, gzip
 * 624.7 ± 35.1, zstd 337.8 ± 25.2; synthetic layer ({@code -wi 3 -i 5}): plain 115.0 ± 87.7, gzip 160.7 ± 104.9, zstd
 * 141.4 ± 92.8 ms/op. GNU tar on the same layer and disk: 0.32 s, 1.10 s, 0.50 s. Runs and method:
 * results/unpack/README.md.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@State(Scope.Benchmark)
public class UnpackBench extends ForkedBench.Heap2g {

    /** none (plain tar), gzip or zstd. */
    @Param({"none", "gzip", "zstd"})
    public String codec;

    /** Number of regular files in the synthetic layer. */
    @Param({"3000"})
    public int files;

    /**
     * A layer blob file to use instead of the synthetic layer (tar, tar+gzip or tar+zstd; {@code codec} and
     * {@code files} are then ignored); empty for the synthetic layer.
     */
    @Param({""})
    public String layer;

    /** Directory on the disk to unpack onto; empty means the working directory. */
    @Param({""})
    public String dir;

    /** Largest synthetic file. */
    static final int MAX_FILE = 256 << 10;

    private Path scratch;
    private LayerBlob blob;
    private Path target;
    private int round;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        Path base = Path.of(dir.isEmpty() ? "." : dir).toAbsolutePath();
        scratch = Files.createTempDirectory(base, "unpackbench-");
        if (!layer.isEmpty()) {
            Path file = Path.of(layer).toAbsolutePath();
            UnpackSummary s = Unpacker.applyLayer(LayerBlob.of(file), scratch.resolve("check"), options());
            blob = new LayerBlob(
                    file, Optional.of(Digest.of(file)), Optional.of(s.diffIds().getFirst()));
            delete(scratch.resolve("check"));
            System.out.printf(
                    "%nUnpackBench layer: %s, %d uncompressed bytes, %d entries, %d blob bytes, onto %s%n",
                    file, s.bytes(), s.entries(), Files.size(file), scratch);
            return;
        }
        Path tar = scratch.resolve("layer.tar");
        long[] counts = writeLayer(tar, files);
        Compression c = Compression.valueOf(codec.toUpperCase(java.util.Locale.ROOT));
        Path file = tar;
        if (c != Compression.NONE) {
            file = scratch.resolve("layer.tar." + c.label());
            try (OutputStream out = c.compress(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
                Files.copy(tar, out);
            }
        }
        Digest diffId = Digest.of(tar);
        blob = new LayerBlob(file, Optional.of(Digest.of(file)), Optional.of(diffId));
        // check the inputs once: a verified unpack of the blob must give the same diff_id and entry count
        UnpackSummary s = Unpacker.applyLayer(blob, scratch.resolve("check"), options());
        if (s.entries() != counts[1]
                || s.bytes() != counts[0]
                || !s.diffIds().getFirst().equals(diffId)) {
            throw new IllegalStateException("synthetic layer does not unpack as written: " + s.line());
        }
        delete(scratch.resolve("check"));
        System.out.printf(
                "%nUnpackBench layer: %s, %d uncompressed bytes, %d entries, %d blob bytes, onto %s%n",
                c.label(), counts[0], counts[1], Files.size(file), scratch);
    }

    static UnpackOptions options() {
        return UnpackOptions.flatten();
    }

    @Setup(Level.Iteration)
    public void freshTarget() throws IOException {
        if (target != null) {
            delete(target);
        }
        target = scratch.resolve("root" + (round++));
    }

    @Benchmark
    public UnpackSummary unpack() throws IOException {
        long t = PlantedSlowdown.begin();
        UnpackSummary s = Unpacker.applyLayer(blob, target, options());
        PlantedSlowdown.end(t);
        return s;
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        delete(scratch);
    }

    /** Writes the synthetic layer; returns {uncompressed bytes, entries}. */
    static long[] writeLayer(Path tar, int files) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        long entries = 0;
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(
                new BufferedOutputStream(Files.newOutputStream(tar), 1 << 20), StandardCharsets.UTF_8.name())) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            byte[] text = "lorem ipsum dolor sit amet, consectetur adipiscing elit\n"
                    .repeat(20_000)
                    .getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < files; i++) {
                String d = "usr/share/d" + (i / 40);
                if (i % 40 == 0) {
                    TarArchiveEntry e = new TarArchiveEntry(d + "/", TarConstants.LF_DIR);
                    e.setMode(0755);
                    out.putArchiveEntry(e);
                    out.closeArchiveEntry();
                    entries++;
                }
                int size = (int) Math.min(MAX_FILE, Math.exp(random.nextDouble() * Math.log(MAX_FILE)) - 1);
                byte[] content;
                if (i % 2 == 0) {
                    content = new byte[size];
                    random.nextBytes(content);
                } else {
                    content = java.util.Arrays.copyOf(text, size);
                }
                TarArchiveEntry f = new TarArchiveEntry(d + "/file" + i);
                f.setMode(0644);
                f.setSize(size);
                out.putArchiveEntry(f);
                out.write(content);
                out.closeArchiveEntry();
                entries++;
                if (i % 100 == 50) {
                    TarArchiveEntry s = new TarArchiveEntry(d + "/link" + i, TarConstants.LF_SYMLINK);
                    s.setLinkName("file" + i);
                    out.putArchiveEntry(s);
                    out.closeArchiveEntry();
                    TarArchiveEntry h = new TarArchiveEntry(d + "/hard" + i, TarConstants.LF_LINK);
                    h.setLinkName(d + "/file" + i);
                    out.putArchiveEntry(h);
                    out.closeArchiveEntry();
                    entries += 2;
                }
            }
            out.finish();
        }
        return new long[] {Files.size(tar), entries};
    }

    static void delete(Path p) throws IOException {
        Trees.delete(p);
    }
}
