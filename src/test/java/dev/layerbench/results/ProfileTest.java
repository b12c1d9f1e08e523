package dev.layerbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileTest {

    private static String value(List<String> args, String flag) {
        int i = args.indexOf(flag);
        return i < 0 ? null : args.get(i + 1);
    }

    private static List<String> params(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-p")) {
                out.add(args.get(i + 1).substring(0, args.get(i + 1).indexOf('=')));
            }
        }
        return out;
    }

    @Test
    void invocations_ci_coverEveryFamilyOnce_layoutTwice() {
        List<String> families = List.of(
                "DigestBench",
                "UnpackBench",
                "FlattenBench",
                "UnionLookupBench",
                "FirstLookupBench",
                "CopyUpBench",
                "SizingBench",
                "StartupBench",
                "ColdStartBench");
        List<String> includes = Profile.CI.includes();
        for (String f : families) {
            assertEquals(1, includes.stream().filter(i -> i.startsWith(f)).count(), f + " in " + includes);
        }
        // creation time in the shared and flat layouts, and the shared layout's page cache (read=all)
        assertEquals(
                2, includes.stream().filter(i -> i.startsWith("LayoutBench")).count(), includes.toString());
    }

    @Test
    void invocations_ci_memoryPoint_pageCacheReadOnALoopExt4() {
        List<String> memory = Profile.CI.invocations(List.of()).stream()
                .filter(a -> a.contains("-p") && a.contains("read=all"))
                .findFirst()
                .orElseThrow();
        assertTrue(memory.containsAll(List.of("LayoutBench", "filesystem=ext4", "layout=SHARED")), memory.toString());
        // a confirmation of a layout point re-runs both the creation and the page-cache invocations
        List<List<String>> confirm = Profile.CI.invocations(List.of("LayoutBench.create"));
        assertEquals(2, confirm.size(), confirm.toString());
        assertTrue(confirm.stream().allMatch(a -> a.getLast().equals("LayoutBench.create")), confirm.toString());
    }

    @Test
    void invocations_ci_oneForkEach_noParamTwiceInOneInvocation() {
        for (List<String> args : Profile.CI.invocations(List.of())) {
            assertEquals("1", value(args, "-f"), args.toString());
            List<String> p = params(args);
            assertEquals(p.size(), p.stream().distinct().count(), args.toString());
        }
    }

    @Test
    void invocations_ci_singleShotPointsWarmUpPastTheJit() {
        List<List<String>> inv = Profile.CI.invocations(List.of());
        List<String> ss =
                inv.stream().filter(a -> a.contains("UnpackBench")).findFirst().orElseThrow();
        List<String> timed = inv.stream()
                .filter(a -> a.contains("UnionLookupBench"))
                .findFirst()
                .orElseThrow();
        assertEquals("ss", value(ss, "-bm"));
        // a 1,000-file unpack's shots settle after about 16 (C2 compiles its per-file path), sizing's after about 25
        assertTrue(Integer.parseInt(value(ss, "-wi")) >= 20, ss.toString());
        List<String> sizing =
                inv.stream().filter(a -> a.contains("SizingBench")).findFirst().orElseThrow();
        assertTrue(Integer.parseInt(value(sizing, "-wi")) >= 30, sizing.toString());
        assertTrue(Integer.parseInt(value(ss, "-i")) > Integer.parseInt(value(timed, "-i")));
        assertEquals(null, value(timed, "-bm"));
        assertFalse(timed.contains("UnpackBench"));
        List<String> flatten =
                inv.stream().filter(a -> a.contains("FlattenBench")).findFirst().orElseThrow();
        assertEquals("ss", value(flatten, "-bm"));
    }

    @Test
    void invocations_confirmation_keepsOnlyTheNamedBenchmarksInTheirOwnInvocation() {
        List<List<String>> inv = Profile.CI.invocations(List.of("UnpackBench.unpack", "DigestBench.oneStream"));
        assertEquals(2, inv.size(), inv.toString());
        List<String> ss = inv.stream()
                .filter(a -> "ss".equals(value(a, "-bm")))
                .findFirst()
                .orElseThrow();
        assertTrue(ss.contains("UnpackBench.unpack"));
        assertFalse(ss.contains("DigestBench.oneStream"));
        assertFalse(ss.contains("FlattenBench"));
        List<String> digest = inv.stream().filter(a -> a != ss).findFirst().orElseThrow();
        assertEquals(List.of("DigestBench.oneStream"), digest.subList(digest.size() - 1, digest.size()));
        assertEquals(null, value(digest, "-bm"));
    }

    @Test
    void invocations_benchmarkOutsideTheProfile_runsWithTheTimedInvocation() {
        List<List<String>> inv = Profile.CI.invocations(List.of("-wi", "1", "GateProbeBench"));
        assertEquals(1, inv.size());
        assertEquals(null, value(inv.getFirst(), "-bm"));
        assertEquals("GateProbeBench", inv.getFirst().getLast());
    }

    @Test
    void invocations_optionsWithValuesAreNotTakenForBenchmarks() {
        List<List<String>> inv = Profile.CI.invocations(List.of("-v", "SILENT", "-p", "dir=/x", "FlattenBench"));
        assertEquals(1, inv.size());
        List<String> a = inv.getFirst();
        assertEquals("SILENT", value(a, "-v"));
        assertEquals("FlattenBench", a.getLast());
        assertEquals(List.of("dir"), params(a));
    }

    @Test
    void printed_separatesInvocations() {
        List<String> lines = Profile.printed(List.of(List.of("-f", "1", "A"), List.of("-f", "1", "B")));
        assertEquals(List.of("-f", "1", "A", Profile.NEXT_RUN, "-f", "1", "B"), lines);
        assertEquals(
                Profile.CI.invocations(List.of()).size() - 1,
                Profile.printed(Profile.CI.invocations(List.of())).stream()
                        .filter(Profile.NEXT_RUN::equals)
                        .count());
    }
}
