package dev.layerbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording of a profile whose benchmarks span several of its JMH invocations: one results file with them all. */
class RecorderTest {

    @TempDir
    Path dir;

    @Test
    void record_benchmarksOfTwoInvocations_oneFileWithBoth() throws Exception {
        // forks 0 and tiny iterations: in-process, about a second; the digest and the union lookup are in different
        // invocations of the ci profile (their `size` and iteration settings differ)
        List<String> args = List.of(
                "-f",
                "0",
                "-wi",
                "0",
                "-i",
                "1",
                "-r",
                "100ms",
                "-v",
                "SILENT",
                "-p",
                "size=4096",
                "-p",
                "dir=" + dir,
                "-p",
                "depth=1",
                "-p",
                "lookup=INDEXED",
                "-p",
                "target=hitTop",
                "DigestBench.oneStream",
                "UnionLookupBench");
        assertEquals(2, Profile.CI.invocations(args).size());
        Recorder.Recorded r = Recorder.record(new Recorder.Request(Profile.CI, args, dir, "two.json", dir));
        assertEquals(2, r.benchmarks());
        List<String> names = new ArrayList<>();
        Json.MAPPER
                .readTree(r.results().toFile())
                .forEach(n -> names.add(n.get("benchmark").asText()));
        assertEquals(2, names.size(), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.endsWith("DigestBench.oneStream")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.endsWith("UnionLookupBench.lookup")), names.toString());
        Sidecar s = Sidecar.find(r.results()).orElseThrow();
        assertTrue(s.jmhArgs().contains(Profile.NEXT_RUN), s.jmhArgs().toString());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no part file left");
        }
    }
}
