package dev.layerbench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.fs.LoopFilesystem;
import dev.layerbench.fs.Posix;
import dev.layerbench.testing.LayerFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real, quick runs of one group each: inputs made, both sides timed, the report written, nothing left behind. */
class PeersRunTest {

    @TempDir
    Path dir;

    private Report run(Group group) throws Exception {
        PeersOptions options = new PeersOptions(
                "synthetic-small", dir.resolve("work"), 1, 0, Set.of(group), true, dir.resolve("results"));
        Files.createDirectories(options.dir());
        Report r = PeersRun.run(options, "peers --only " + group.label() + " --quick", line -> {});
        try (var left = Files.list(options.dir())) {
            assertEquals(0, left.count(), "the work directory is removed");
        }
        assertTrue(Files.isRegularFile(dir.resolve("results").resolve(r.stem() + ".md")));
        assertTrue(Files.isRegularFile(dir.resolve("results").resolve(r.stem() + ".json")));
        return r;
    }

    @Test
    void run_digestQuickTimesEverySideAgainstEachPeer() throws Exception {
        assumeTrue(
                PeerTools.onPath("openssl") && PeerTools.onPath("sha256sum"),
                "needs openssl and sha256sum: apt-get install openssl coreutils");
        Report r = run(Group.DIGEST);
        assertEquals(4, r.rows().size(), r.markdown());
        for (PeerComparison c : r.rows()) {
            assertTrue(c.complete(), c.toString());
        }
        assertEquals(
                List.of("openssl", "openssl", "sha256sum", "sha256sum"),
                r.rows().stream().map(c -> c.peer().name()).toList());
        assertTrue(r.rows().stream().anyMatch(c -> c.project().kind() == Side.Kind.PROCESS));
        assertTrue(r.rows().stream().anyMatch(c -> c.project().kind() == Side.Kind.STEADY));
    }

    @Test
    void run_lookupQuickAgainstTheKernelOverlay() throws Exception {
        assumeTrue(Posix.isRoot(), "needs root: mounts overlayfs");
        assumeTrue(
                Mounts.overlayProblem(Files.createDirectories(dir.resolve("probe")))
                        .isEmpty(),
                "cannot mount overlayfs here: modprobe overlay");
        assumeTrue(PeerTools.onPath("gcc"), "needs gcc for the native lstat loop: apt-get install gcc");
        Report r = run(Group.LOOKUP);
        for (PeerComparison c : r.rows()) {
            assertTrue(c.complete(), c.toString());
        }
        assertTrue(
                r.rows().stream()
                        .anyMatch(c ->
                                c.what().startsWith("depth 8, warm") && c.peer().kind() == Side.Kind.NATIVE),
                r.markdown());
        assertTrue(r.rows().stream().anyMatch(c -> c.project().name().startsWith("PERSISTED")), r.markdown());
    }

    /** Options for one quick group in {@code work} with these inputs. */
    private PeersOptions options(Path work, Group group, PeersOptions.Inputs inputs) {
        return new PeersOptions("synthetic-small", work, 1, 0, Set.of(group), true, dir.resolve("results"), inputs);
    }

    private static PeersOptions.Inputs inputs(
            Optional<Path> layer, Optional<Path> image, OptionalInt containers, Optional<LoopFilesystem.Type> fs) {
        return new PeersOptions.Inputs(
                layer, image, image.isPresent() ? Optional.of("two") : Optional.empty(), containers, fs, 1);
    }

    @Test
    void run_layoutOnAnExt4LoopCountsDiskPerContainer() throws Exception {
        assumeTrue(LoopFilesystem.Type.EXT4.available(), "needs root and mkfs.ext4: apt-get install e2fsprogs");
        PeersOptions options = options(
                Files.createDirectories(dir.resolve("work")),
                Group.LAYOUT,
                inputs(Optional.empty(), Optional.empty(), OptionalInt.of(3), Optional.of(LoopFilesystem.Type.EXT4)));
        Report r = PeersRun.run(options, "peers --only layout --quick --containers 3 --fs ext4 --fs-size 1", x -> {});
        try (var left = Files.list(options.dir())) {
            assertEquals(0, left.count(), "the loop filesystem and its image are removed");
        }
        assertTrue(
                r.machine().filesystem().startsWith("ext4 (/dev/loop"),
                r.machine().filesystem());
        PeerComparison flat = r.rows().stream()
                .filter(c -> c.project().name().equals("layout flat"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(r.markdown()));
        assertTrue(flat.what().startsWith("3 containers of "), flat.what());
        assertTrue(flat.complete(), flat.toString());
        assertTrue(flat.note().contains("disk per container: "), flat.note());
    }

    @Test
    void run_unpackOfAGivenLayerAndImage() throws Exception {
        assumeTrue(PeerTools.onPath("tar"), "needs GNU tar: apt-get install tar");
        Path layer = dir.resolve("given.tar.gz");
        LayerFixtures.write(LayerFixtures.base(), Compression.GZIP, layer);
        Path layout = dir.resolve("given-layout");
        LayerFixtures.image(layout, "two", Compression.GZIP, List.of(LayerFixtures.base(), LayerFixtures.whiteouts()));
        PeersOptions options = options(
                Files.createDirectories(dir.resolve("work")),
                Group.UNPACK,
                inputs(Optional.of(layer), Optional.of(layout), OptionalInt.empty(), Optional.empty()));
        Report r = PeersRun.run(options, "peers --only unpack --layer given.tar.gz --image given-layout", x -> {});
        assertTrue(r.rows().stream().anyMatch(c -> c.what().startsWith("layer given.tar.gz (")), r.markdown());
        assertTrue(
                r.rows().stream().anyMatch(c -> c.what().equals("image two of given-layout (2 layers)")), r.markdown());
        PeerComparison library = r.rows().stream()
                .filter(c -> c.project().name().equals("Unpacker.applyLayer"))
                .findFirst()
                .orElseThrow();
        assertTrue(library.complete(), library.toString());
    }

    @Test
    void run_missingLayerFileIsOneLineAndWritesNothing() {
        PeersOptions options = options(
                dir,
                Group.UNPACK,
                inputs(
                        Optional.of(dir.resolve("missing.tar")),
                        Optional.empty(),
                        OptionalInt.empty(),
                        Optional.empty()));
        PeersException e = assertThrows(PeersException.class, () -> PeersRun.run(options, "peers", x -> {}));
        assertTrue(e.getMessage().contains("missing.tar: --layer must be a layer blob file"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("results")));
    }

    @Test
    void inputs_rejectNoContainers() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new PeersOptions.Inputs(
                        Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.of(0), Optional.empty(), 8));
        assertEquals("--containers must be 1 or more, not 0", e.getMessage());
    }
}
