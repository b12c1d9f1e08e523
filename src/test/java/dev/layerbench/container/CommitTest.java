package dev.layerbench.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.store.BlobStore;
import dev.layerbench.union.ComparableTrees;
import dev.layerbench.union.LayerCache;
import dev.layerbench.union.LayerStack;
import dev.layerbench.union.Lookup;
import dev.layerbench.unpack.LayerBlob;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.Unpacker;
import dev.layerbench.unpack.WhiteoutForm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CommitTest {

    @TempDir
    Path dir;

    List<Path> lowers;

    @BeforeEach
    void lower() throws IOException {
        Path l0 = dir.resolve("l0");
        Files.createDirectories(l0.resolve("etc"));
        Files.createDirectories(l0.resolve("var/cache/apt"));
        Files.writeString(l0.resolve("etc/config"), "original");
        Files.writeString(l0.resolve("etc/passwd"), "root:x:0:0");
        Files.writeString(l0.resolve("var/cache/apt/pkgcache.bin"), "cache".repeat(100));
        lowers = List.of(l0);
    }

    private Container changed(String name) throws IOException {
        LayerStack stack = LayerStack.of(lowers, LayerCache.cold());
        Container c = Container.open(
                stack,
                dir.resolve(name),
                new ContainerOptions(CopyUp.JDK, WhiteoutForm.OCI, ContainerOptions.Durability.NONE));
        c.write("etc/config", 0, "CHANGED".getBytes(StandardCharsets.UTF_8));
        c.delete("etc/passwd");
        c.delete("var/cache/apt");
        c.mkdir("var/cache/apt", 0755);
        c.create("var/cache/apt/new", "fresh".getBytes(StandardCharsets.UTF_8), 0644);
        c.symlink("etc/link", "config");
        c.chmod("etc/config", 0600);
        return c;
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void commit_sameChangesGiveTheSameDigestAndStackingItShowsTheContainer(Compression compression) throws IOException {
        BlobStore store = BlobStore.open(dir.resolve("store"));
        Container a = changed("upper-a");
        Container b = changed("upper-b");
        Files.setLastModifiedTime(
                b.upper().resolve("etc/config"), java.nio.file.attribute.FileTime.fromMillis(12345000));
        Commit.Result ra = Commit.commit(a, store, CommitOptions.reproducible(compression));
        Commit.Result rb = Commit.commit(b, store, CommitOptions.reproducible(compression));
        assertEquals(ra.descriptor(), rb.descriptor(), "fixed mtimes make the layers identical");
        assertTrue(store.exists(ra.descriptor().digest()));

        Path committed = dir.resolve("committed-" + compression);
        Unpacker.applyLayer(
                LayerBlob.of(store.blobPath(ra.descriptor().digest())),
                committed,
                UnpackOptions.perLayer(WhiteoutForm.OCI));
        List<Path> stacked = new ArrayList<>(lowers);
        stacked.add(committed);
        ComparableTrees.assertSame(
                ComparableTrees.of(a),
                ComparableTrees.of(LayerStack.of(stacked, LayerCache.cold()).view(Lookup.INDEXED)),
                "the committed layer stacked on the image shows what the container showed");
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "GZIP")
    void commit_keepingMtimesDiffersWhenTimesDiffer(Compression compression) throws IOException {
        BlobStore store = BlobStore.open(dir.resolve("store"));
        Container a = changed("upper-a");
        Container b = changed("upper-b");
        Files.setLastModifiedTime(
                b.upper().resolve("etc/config"), java.nio.file.attribute.FileTime.fromMillis(12345000));
        CommitOptions keep = new CommitOptions(compression, java.util.OptionalLong.empty());
        assertNotEquals(
                Commit.commit(a, store, keep).descriptor().digest(),
                Commit.commit(b, store, keep).descriptor().digest());
    }
}
