package dev.layerbench.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.tar.TarEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealRecipeTest {

    @TempDir
    Path dir;

    private static final RealRecipe.Step BASE =
            new RealRecipe.Step("base", RealRecipe.Action.debootstrap, null, "minbase", null, null, null, null, null);
    private static final RealRecipe.Step PY = new RealRecipe.Step(
            "py", RealRecipe.Action.install, "base", null, List.of("python3"), null, null, null, null);
    private static final RealRecipe.Step SLIM = new RealRecipe.Step(
            "slim",
            RealRecipe.Action.edit,
            null,
            null,
            null,
            List.of("usr/share/doc"),
            List.of("usr/share/locale"),
            new TreeMap<>(Map.of("etc/motd", "hi\n")),
            null);

    @Test
    void new_acceptsTheCatalogRecipes() throws Exception {
        for (DatasetManifest m : Datasets.catalog().all()) {
            if (m.kind() == DatasetKind.real) {
                assertTrue(m.recipe().images().size() >= 2, m.name());
            }
        }
    }

    @Test
    void new_rejectsBrokenChains() {
        RealRecipe.RecipeImage wrongParent = new RealRecipe.RecipeImage("x", List.of("py"), Compression.GZIP);
        assertThrows(
                IllegalArgumentException.class, () -> new RealRecipe(null, List.of(BASE, PY), List.of(wrongParent)));
        RealRecipe.RecipeImage missing = new RealRecipe.RecipeImage("x", List.of("base", "nope"), Compression.GZIP);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new RealRecipe(null, List.of(BASE), List.of(missing)));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new RealRecipe.Step(
                        "bad",
                        RealRecipe.Action.install,
                        "base",
                        null,
                        List.of("python3; rm -rf /"),
                        null,
                        null,
                        null,
                        null));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RealRecipe.Step("e", RealRecipe.Action.edit, null, null, null, null, null, null, null));
        RealRecipe.Links busybox = new RealRecipe.Links("bin/busybox", List.of("bin"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RealRecipe.Step(
                        "e", RealRecipe.Action.edit, null, null, null, List.of("x"), null, null, busybox),
                "links on an edit step");
        assertThrows(IllegalArgumentException.class, () -> new RealRecipe.Links("../bin/busybox", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new RealRecipe.Links("/bin/busybox", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new RealRecipe.Links("bin/busybox", List.of("usr/../..")));
    }

    @Test
    void editEntries_whiteoutsOpaqueAndWritesWithParents() {
        List<String> paths = RealBuilder.editEntries(SLIM).stream()
                .map(TarEntry::path)
                .sorted()
                .toList();
        assertEquals(
                List.of(
                        "etc",
                        "etc/motd",
                        "usr",
                        "usr/share",
                        "usr/share/.wh.doc",
                        "usr/share/locale",
                        "usr/share/locale/.wh..wh..opq"),
                paths);
    }

    @Test
    void aptSource_readsDeb822AndOneLineForms() throws Exception {
        Path apt = Files.createDirectories(dir.resolve("apt/sources.list.d"));
        Files.writeString(apt.resolve("debian.sources"), """
                Types: deb-src
                URIs: http://src.example/debian
                Suites: trixie

                Types: deb
                # a comment
                URIs: http://deb.example/debian
                Suites: bookworm bookworm-updates
                Components: main
                """);
        AptSource s = AptSource.detect(dir.resolve("apt"));
        assertEquals("http://deb.example/debian", s.uri());
        assertEquals("bookworm", s.suite());
        Files.writeString(
                dir.resolve("apt/sources.list"), "# x\ndeb [arch=amd64] http://one.example/debian trixie main\n");
        assertEquals("trixie", AptSource.detect(dir.resolve("apt")).suite());
    }

    @Test
    void aptSource_noneConfigured_failsWithOneLine() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        DatasetException e = assertThrows(DatasetException.class, () -> AptSource.detect(dir.resolve("empty")));
        assertTrue(e.getMessage().contains("no 'deb' source") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void checkReachable_unreachable_failsWithOneLine() {
        AptSource dead = new AptSource("http://127.0.0.1:9/debian", "bookworm", Path.of("/etc/apt/sources.list"));
        DatasetException e = assertThrows(DatasetException.class, () -> dead.checkReachable(Duration.ofSeconds(3)));
        assertTrue(
                e.getMessage().startsWith("cannot reach the apt source http://127.0.0.1:9/debian bookworm"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }
}
