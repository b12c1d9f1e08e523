package dev.layerbench.bench;

import dev.layerbench.digest.Digest;
import dev.layerbench.digest.DigestingInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast does the project hash content, through the same stream decorator the store and the unpacker use?
 *
 * <p>Each operation pushes one in-memory blob of {@code size} bytes through {@link DigestingInputStream} with a 1 MiB
 * read buffer and returns its digest. {@code oneStream} runs on one thread; {@code twoStreams} hashes two blobs at
 * once on two threads (both cores here). The {@code mbPerSec} secondary metric is megabytes (10^6 bytes) hashed per
 * second, summed over threads; the primary score is blobs per second.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar DigestBench -f 1 -wi 3 -i 5}
 *
 * <p>Result (2-vCPU AMD EPYC VM, Linux 6.18, Temurin 25.0.3, working directory on the VM's ext4 root disk, 2026-11-30,
 * shared with other agents' work, SHA-NI; {@code java -jar target/benchmarks.jar DigestBench -f 1 -wi 1 -i 3 -p
 * size=1048576}): oneStream 1,637.6 ± 268.8 ops/s (mbPerSec 1,717.2 ± 281.9), twoStreams 3,227.9 ± 1,020.8 ops/s
 * (mbPerSec 3,385.7 ± 1,070.4). README.md "Digests" has openssl and sha256sum on the same files.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class DigestBench extends ForkedBench.Heap2g {

    @Param({"4096", "1048576", "67108864"})
    public int size;

    private byte[] blob;
    private Digest expected;

    /** Random content (incompressible, like layer blobs), its digest computed once to check every result. */
    @Setup(Level.Trial)
    public void prepare() throws IOException {
        blob = new byte[size];
        new SplittableRandom(42).nextBytes(blob);
        expected = Digest.of(blob);
        if (!hash(blob, new byte[1 << 20]).equals(expected)) {
            throw new IllegalStateException("DigestingInputStream disagrees with Digest.of on the input");
        }
    }

    /** Per-thread buffer, and the bytes hashed reported as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Meter {
        final byte[] buffer = new byte[1 << 20];
        /** Megabytes (10^6 bytes) hashed; JMH reports it per second. */
        public double mbPerSec;
    }

    @Benchmark
    @Threads(1)
    public Digest oneStream(Meter meter) throws IOException {
        long t = PlantedSlowdown.begin();
        Digest d = hash(blob, meter.buffer);
        PlantedSlowdown.end(t);
        meter.mbPerSec += size / 1e6;
        return d;
    }

    @Benchmark
    @Threads(2)
    public Digest twoStreams(Meter meter) throws IOException {
        Digest d = hash(blob, meter.buffer);
        meter.mbPerSec += size / 1e6;
        return d;
    }

    static Digest hash(byte[] content, byte[] buffer) throws IOException {
        try (DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(content))) {
            InputStream s = in;
            while (s.read(buffer, 0, buffer.length) >= 0) {
                // hashed by the decorator
            }
            return in.digest();
        }
    }
}
