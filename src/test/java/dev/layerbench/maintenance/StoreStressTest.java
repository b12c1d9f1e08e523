package dev.layerbench.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.cli.Main;
import dev.layerbench.dataset.BuildOptions;
import dev.layerbench.dataset.Datasets;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight processes at once, for a bounded time ({@code -Dlayerbench.stress.seconds}, 40 by default), each running one
 * operation after another on one new store (import, view, unpack, size, layout, gc, on either of two images sharing a
 * layer), with a quarter of them killed by SIGKILL at a random moment. Afterwards {@code store verify} finds nothing,
 * no ingest, staging, summary temp or lease file is left, and every process that was not killed exited 0 with the answer
 * a lone run gives.
 */
class StoreStressTest {

    private static final int PROCESSES = 8;
    private static final List<String> REFS = List.of("image-0", "image-1");

    private record Outcome(String op, String ref, boolean killed, int exit, String output) {}

    @Test
    void eightProcesses_mixedOperationsWithKills_leaveAVerifiedStoreAndRightAnswers(@TempDir Path dir)
            throws Exception {
        Path source = dir.resolve("source");
        Datasets.build(Datasets.SMALL, source, BuildOptions.quiet());
        Map<String, String> expected = new HashMap<>();
        for (String op : StressChild.OPS) {
            for (String ref : REFS) {
                expected.put(
                        op + " " + ref,
                        StressChild.result(op, dir.resolve("alone-" + ref), source, dir.resolve("alone-work"), ref));
            }
        }
        Path store = dir.resolve("store"); // absent: the first processes race to create it
        long seconds = Long.getLong("layerbench.stress.seconds", 40);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService slots = Executors.newFixedThreadPool(PROCESSES)) {
            List<Future<?>> running = new ArrayList<>();
            for (int slot = 0; slot < PROCESSES; slot++) {
                int s = slot;
                running.add(slots.submit(() -> {
                    Random random = new Random(1000 + s);
                    int n = 0;
                    while (System.nanoTime() < deadline) {
                        String op = StressChild.OPS.get(random.nextInt(StressChild.OPS.size()));
                        if (op.equals("gc") && random.nextInt(3) != 0) {
                            op = "view"; // gc a third as often as the rest
                        }
                        String ref = REFS.get(random.nextInt(REFS.size()));
                        long killAfterMillis =
                                random.nextInt(4) == 0 || (s == 0 && n == 0) ? 200 + random.nextInt(2500) : -1;
                        outcomes.add(runChild(
                                op, store, source, dir.resolve("work-" + s + "-" + n++), ref, killAfterMillis));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int verify = Main.run(
                new String[] {"store", "verify", "--store", store.toString()},
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(0, verify, out + "\n" + err);
        assertTrue(out.toString().contains(": 0 problems"), out.toString());
        assertEquals(List.of(), leftovers(store));

        int killed = 0;
        int finished = 0;
        List<String> wrong = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.killed()) {
                killed++;
                continue;
            }
            finished++;
            String want = "RESULT " + expected.get(o.op() + " " + o.ref());
            if (o.exit() != 0 || !o.output().lines().anyMatch(want::equals)) {
                wrong.add(o.op() + " " + o.ref() + " exit " + o.exit() + ": "
                        + o.output().strip());
            }
        }
        System.out.printf(
                "stress: %d processes in %d s: %d finished, %d killed%n", outcomes.size(), seconds, finished, killed);
        assertEquals(List.of(), wrong);
        assertTrue(finished >= PROCESSES / 2, "too few runs finished to mean anything: " + finished);
        assertTrue(killed > 0, "no process was killed");
    }

    /** Entries a writer leaves while it works; after the last writer and the next open there must be none. */
    static List<Path> leftovers(Path store) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String d : List.of(".ingest", ".leases")) {
            if (Files.isDirectory(store.resolve(d))) {
                try (Stream<Path> s = Files.list(store.resolve(d))) {
                    s.forEach(found::add);
                }
            }
        }
        for (Path d : List.of(store.resolve("layers/sha256"), store.resolve("summaries/sha256"), store.getParent())) {
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(p -> {
                                String name = p.getFileName().toString();
                                return name.contains(".unpack-") || name.endsWith(".tmp") || name.contains(".new-");
                            })
                            .forEach(found::add);
                }
            }
        }
        return found;
    }

    private static Outcome runChild(String op, Path store, Path source, Path work, String ref, long killAfterMillis)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "-Xshare:auto",
                        "-cp",
                        System.getProperty("java.class.path"),
                        StressChild.class.getName(),
                        op,
                        store.toString(),
                        source.toString(),
                        work.toString(),
                        ref)
                .redirectErrorStream(true)
                .redirectOutput(work.resolveSibling(work.getFileName() + ".log").toFile())
                .start();
        boolean killed = false;
        if (killAfterMillis >= 0 && !p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly(); // SIGKILL
            killed = true;
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(op + " " + ref + ": did not finish in 5 minutes");
        }
        String output = Files.readString(work.resolveSibling(work.getFileName() + ".log"), StandardCharsets.UTF_8);
        return new Outcome(op, ref, killed, p.exitValue(), output);
    }
}
