package dev.layerbench.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerbench.dataset.BuildOptions;
import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.fs.Invocation;
import dev.layerbench.fs.PageCache;
import dev.layerbench.fs.Programs;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Page cache per layout, measured (root: the cache is dropped): against util-linux {@code fincore} over the same files,
 * and the sharing each layout promises (one image, so N readers of one base against one reader).
 */
class ReadRunTest {

    @TempDir
    static Path shared;

    static ImageArchive archive;
    static Image image;

    @BeforeAll
    static void dataset() throws IOException {
        BuiltDataset built = Datasets.build(Datasets.SMALL, shared.resolve("dataset"), BuildOptions.quiet());
        archive = ImageArchive.open(built.root());
        image = archive.image(built.tags().getFirst());
    }

    @AfterAll
    static void close() throws IOException {
        archive.close();
    }

    private static void assumeRoot() {
        assumeTrue(
                ReadRun.unavailable().isEmpty(),
                "needs root: " + ReadRun.unavailable().orElse(""));
    }

    private static List<Instance> make(Layout layout, int n) throws IOException {
        List<Instance> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            made.add(layout.create("c" + i, image));
        }
        return made;
    }

    @Test
    void pageCacheBytes_matchesFincoreOverTheSameFiles() throws IOException, InterruptedException {
        assumeRoot();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/fincore")), "needs util-linux fincore");
        for (LayoutKind kind : LayoutKind.values()) {
            if (kind.unavailable().isPresent()) {
                continue;
            }
            try (Layout layout = kind.open(archive, List.of(image), shared, LayoutOptions.defaults())) {
                List<Instance> made = make(layout, 3);
                ReadRun.Result r = ReadRun.run(layout, made, i -> image, ReadSet.all());
                PageCache.Walker w = ReadRun.pageCache(layout, made);
                long fincore = fincore(w.paths());
                assertTrue(r.pageCacheBytes() > 0, kind + " read something");
                assertEquals(fincore, w.residentBytes(), fincore * 0.02, kind + ": ours vs fincore --bytes");
                assertEquals(
                        r.pageCacheBytes(), w.residentBytes(), r.pageCacheBytes() * 0.02, kind + ": measured twice");
            }
        }
    }

    @Test
    void pageCache_sharedLayoutsHoldOneCopyAndFlatHoldsN() throws IOException {
        assumeRoot();
        Map<LayoutKind, long[]> cache = new EnumMap<>(LayoutKind.class);
        for (LayoutKind kind : LayoutKind.values()) {
            if (kind.unavailable().isPresent()) {
                continue;
            }
            long[] oneAndTen = new long[2];
            for (int k = 0; k < 2; k++) {
                try (Layout layout = kind.open(archive, List.of(image), shared, LayoutOptions.defaults())) {
                    LayoutRun.Result r = LayoutRun.run(
                            layout,
                            k == 0 ? 1 : 10,
                            LayoutRun.Options.of(Optional.empty(), 0).withRead(Optional.of(ReadSet.all())));
                    oneAndTen[k] = r.reads().orElseThrow().pageCacheBytes();
                }
            }
            cache.put(kind, oneAndTen);
        }
        for (LayoutKind kind : List.of(LayoutKind.SHARED, LayoutKind.SHARED_KERNEL)) {
            if (cache.containsKey(kind)) {
                long[] c = cache.get(kind);
                assertTrue(c[1] <= 1.1 * c[0], kind + ": 10 readers " + c[1] + " vs one " + c[0]);
            }
        }
        long[] flat = cache.get(LayoutKind.FLAT);
        assertTrue(flat[1] >= 0.9 * 10 * flat[0], "flat: 10 readers " + flat[1] + " vs one " + flat[0]);
    }

    @Test
    void files_aListedPathTheImageLacksIsNamed() throws IOException {
        Path list =
                Files.writeString(shared.resolve("list"), "# working set\n/etc/nothing-here\n", StandardCharsets.UTF_8);
        try (Layout layout = LayoutKind.SHARED.open(archive, List.of(image), shared, LayoutOptions.defaults())) {
            Instance c = layout.create("c", image);
            LayoutException e = assertThrows(
                    LayoutException.class, () -> ReadSet.parse("@" + list).files(c, image.ref()));
            assertTrue(
                    e.getMessage().contains("/etc/nothing-here")
                            && e.getMessage().contains(image.ref()),
                    e.getMessage());
        }
    }

    @Test
    void files_symlinksAreFollowedInsideTheView() throws IOException {
        try (Layout layout = LayoutKind.FLAT.open(archive, List.of(image), shared, LayoutOptions.defaults())) {
            Instance c = layout.create("c", image);
            List<String> all = ReadSet.all().files(c, image.ref());
            String first = all.getFirst();
            Files.createSymbolicLink(c.dir().resolve("abs-link"), Path.of("/" + first));
            Files.createSymbolicLink(c.dir().resolve("rel-link"), Path.of("./" + first));
            Path list = Files.writeString(shared.resolve("links"), "/abs-link\nrel-link\n" + first + "\n");
            assertEquals(List.of(first), ReadSet.parse("@" + list).files(c, image.ref()));
        }
    }

    private static long fincore(List<Path> files) throws IOException, InterruptedException {
        long total = 0;
        for (int from = 0; from < files.size(); from += 500) {
            List<String> cmd = new ArrayList<>(List.of("fincore", "--bytes", "--noheadings", "--output", "RES"));
            files.subList(from, Math.min(files.size(), from + 500)).forEach(p -> cmd.add(p.toString()));
            String out = Programs.run(Invocation.of(cmd));
            try (Stream<String> lines = out.lines()) {
                total += lines.map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .mapToLong(Long::parseLong)
                        .sum();
            }
        }
        return total;
    }
}
