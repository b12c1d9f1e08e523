package dev.layerbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineInfoTest {

    @TempDir
    Path dir;

    @Test
    void capture_readsThisMachine() {
        MachineInfo m = MachineInfo.capture(dir);
        assertEquals(Runtime.getRuntime().availableProcessors(), m.cores());
        assertFalse(m.cpuModel().isBlank());
        assertFalse(m.jdk().isBlank());
        assertTrue(m.jdk().contains(System.getProperty("java.runtime.version")), m.jdk());
        assertEquals(dir.toAbsolutePath().normalize().toString(), m.workDir());
        Instant.parse(m.date());
        assertTrue(m.machineClass().matches("[a-z0-9-]+-\\d+c"), m.machineClass());
        if (Files.isReadable(Path.of("/proc/self/mounts"))) {
            assertFalse(m.filesystem().equals(MachineInfo.UNKNOWN), "file system of " + dir);
            assertTrue(m.memoryBytes() > 0);
        }
        // a temporary directory is not a git checkout
        assertEquals(MachineInfo.UNKNOWN, m.gitCommit());
    }

    @Test
    void slug_dropsMarketingAndFrequency() {
        assertEquals("intel-xeon-platinum-8375c", MachineInfo.slug("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz"));
        assertEquals("amd-epyc-7b13-64-core", MachineInfo.slug("AMD EPYC 7B13 64-Core Processor"));
        assertEquals("amd-epyc", MachineInfo.slug("AMD EPYC"));
        assertEquals(MachineInfo.UNKNOWN, MachineInfo.slug("@@@"));
    }

    @Test
    void sidecar_writtenBesideResultsAndReadBack() throws Exception {
        Path results = dir.resolve("2026-11-28T0700Z-amd-epyc-2c-ci.json");
        Sidecar s = new Sidecar(MachineInfo.capture(dir), "ci", List.of("-f", "1"));
        Path written = s.writeFor(results);
        assertEquals(dir.resolve("2026-11-28T0700Z-amd-epyc-2c-ci.machine.json"), written);
        assertEquals(s, Sidecar.find(results).orElseThrow());
        assertTrue(Files.readString(written).contains("\"machineClass\""));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void sidecar_writtenBeforeTheUserField_readsBackWithoutAUser() throws Exception {
        Path results = dir.resolve("old-ci.json");
        Sidecar s = new Sidecar(MachineInfo.capture(dir), "ci", List.of("-f", "1"));
        Path written = s.writeFor(results);
        assertEquals(System.getProperty("user.name"), s.machine().user());
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                dev.layerbench.json.Json.MAPPER.readTree(written.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("machine")).remove("user");
        Files.writeString(written, tree.toString());
        Sidecar old = Sidecar.find(results).orElseThrow();
        assertEquals(null, old.machine().user());
        assertEquals(s.machine().machineClass(), old.machine().machineClass());
    }

    @Test
    void datedName_sortsByDate() {
        MachineInfo m = MachineInfo.capture(dir);
        String early = Recorder.datedName(Instant.parse("2026-11-28T07:00:00Z"), m, Profile.FULL);
        String late = Recorder.datedName(Instant.parse("2026-12-01T06:59:00Z"), m, Profile.FULL);
        assertEquals("2026-11-28T0700Z-" + m.machineClass() + "-full.json", early);
        assertTrue(early.compareTo(late) < 0);
    }

    @Test
    void jmhOptions_full_areTheSuiteDefaults_withoutRegexes() {
        assertEquals(
                List.of(
                        "-f",
                        "1",
                        "-wi",
                        "1",
                        "-w",
                        "1s",
                        "-i",
                        "3",
                        "-r",
                        "1s",
                        "-foe",
                        "true",
                        "-e",
                        "GateProbeBench"),
                Profile.FULL.jmhOptions());
        assertFalse(Profile.CI.jmhOptions().containsAll(Profile.CI.includes()));
    }

    @Test
    void profileArgs_extraOptionsReplaceProfiles() {
        for (List<String> args : Profile.CI.invocations(List.of("-f", "0", "-p", "work=3"))) {
            assertEquals(1, args.stream().filter("-f"::equals).count());
            assertEquals("0", args.get(args.indexOf("-f") + 1));
        }
        List<String> all =
                Profile.CI.invocations(List.of()).stream().flatMap(List::stream).toList();
        assertTrue(all.containsAll(Profile.CI.includes()));
        List<List<String>> probe = Profile.CI.invocations(List.of("GateProbeBench"));
        assertEquals(1, probe.size());
        assertFalse(probe.getFirst().containsAll(Profile.CI.includes()));
    }
}
