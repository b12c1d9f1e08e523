package dev.layerbench.bench;

import dev.layerbench.fs.Trees;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does the smallest real job of the command-line tool take as a whole process, start-up included: {@code java
 * -jar benchmarks.jar unpack --layer=LAYER --into=DIR} of a one-file layer, as a person types it (no JVM flags, no AOT
 * cache)? The jar is the one this benchmark runs from, so the gate measures the base's and the current start-up side by
 * side; a start-up regression (an eager static initializer, picocli back on the short path) shows here and nowhere else.
 *
 * <p>Input: a plain layer of one directory and one file, written with commons-compress in the trial setup and unpacked
 * once through the tool to check it. State: each invocation unpacks into a new directory (named in
 * {@code @Setup(Level.Invocation)}); the directories are deleted after each iteration, outside the measurement.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar StartupBench -f 1 -wi 1 -i 4}
 *
 * <p>Result (2-vCPU AMD EPYC VM, Linux 6.18, Temurin 25.0.3, working directory on the VM's ext4 root disk, 2026-11-30,
 * shared with other agents' work; {@code java -jar target/benchmarks.jar StartupBench -f 1 -wi 1 -i 3}): 261.9 ± 67.8
 * ms/op. results/startup/README.md has the same job timed against tar, alternated, by {@code peers --only startup}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 4, time = 1)
@State(Scope.Thread)
public class StartupBench extends ForkedBench {

    private Path scratch;
    private Path layer;
    private Path targets;
    private Path target;
    private List<String> command;
    private int round;

    @Setup(Level.Trial)
    public void prepare() throws IOException, URISyntaxException, InterruptedException {
        Path jar = Path.of(StartupBench.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            throw new IllegalStateException("StartupBench runs the jar it is in; this class was loaded from " + jar);
        }
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElseThrow(() -> new IllegalStateException("no java command"));
        scratch = Files.createTempDirectory(Path.of(".").toAbsolutePath(), "startupbench-");
        layer = scratch.resolve("one-file.tar");
        UnpackBench.writeLayer(layer, 1);
        targets = Files.createDirectories(scratch.resolve("targets"));
        command = List.of(java, "-jar", jar.toString(), "unpack", "--layer=" + layer);
        nextTarget();
        run();
        if (!Files.isDirectory(target.resolve("usr/share/d0"))) {
            throw new IllegalStateException("the tool's unpack did not make usr/share/d0 in " + target);
        }
    }

    @Setup(Level.Invocation)
    public void nextTarget() {
        target = targets.resolve("t" + round++);
    }

    @TearDown(Level.Iteration)
    public void deleteTargets() throws IOException {
        Trees.delete(targets);
        Files.createDirectories(targets);
    }

    @Benchmark
    public int unpackOneFile() throws IOException, InterruptedException {
        long t = PlantedSlowdown.begin();
        int exit = run();
        PlantedSlowdown.end(t);
        return exit;
    }

    private int run() throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(command);
        args.add("--into=" + target);
        Process p = new ProcessBuilder(args)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", args) + " exited " + exit);
        }
        return exit;
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        Trees.delete(scratch);
    }
}
