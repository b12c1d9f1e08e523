package dev.layerbench.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.fs.Invocation;
import dev.layerbench.fs.Posix;
import dev.layerbench.fs.Programs;
import dev.layerbench.store.BlobStore;
import dev.layerbench.union.LayerCache;
import dev.layerbench.union.LayerStack;
import dev.layerbench.unpack.LayerBlob;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.UnpackSummary;
import dev.layerbench.unpack.Unpacker;
import dev.layerbench.unpack.WhiteoutForm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Xattrs byte for byte, against GNU tar: a tree whose xattrs are set by setcap, setfattr (values with 0x00, 0x80 and
 * 0xff bytes, user.* and trusted.*) and setfacl (access and default ACLs) is packed by GNU tar and by bsdtar; after
 * {@code unpack}, and after a container copies every entry up, commits, and the committed layer is unpacked again,
 * {@code getfattr -d -m- -e hex} of each entry equals what GNU tar itself restores from the same archive. Root only
 * (trusted.* and capabilities); skips when a tool is missing.
 */
class XattrConformanceTest {

    /** One row: an entry and the commands that give it its xattrs ({@code %s} is its path). */
    record Case(String path, String kind, List<List<String>> setup, String mustShow) {}

    static final List<Case> CASES = List.of(
            new Case(
                    "cap-setuid",
                    "file",
                    List.of(List.of("setcap", "cap_setuid+ep", "%s")),
                    "security.capability=0x0100000280000000"),
            new Case(
                    "cap-net",
                    "file",
                    List.of(List.of("setcap", "cap_net_raw,cap_net_admin+eip", "%s")),
                    "security.capability=0x01000002"),
            new Case(
                    "user-binary",
                    "file",
                    List.of(List.of("setfattr", "-n", "user.bin", "-v", "0x00ff80fe0180", "%s")),
                    "user.bin=0x00ff80fe0180"),
            new Case(
                    "user-ff00fe01",
                    "file",
                    List.of(List.of("setfattr", "-n", "user.x", "-v", "0xff00fe01", "%s")),
                    "user.x=0xff00fe01"),
            new Case(
                    "user-text-and-empty",
                    "file",
                    List.of(
                            List.of("setfattr", "-n", "user.comment", "-v", "made by layerbench", "%s"),
                            List.of("setfattr", "-n", "user.empty", "%s")),
                    "user.empty=0x"),
            new Case(
                    "trusted-binary",
                    "file",
                    List.of(List.of("setfattr", "-n", "trusted.bin", "-v", "0x80ff0001", "%s")),
                    "trusted.bin=0x80ff0001"),
            new Case(
                    "acl-access",
                    "file",
                    List.of(List.of("setfacl", "-m", "u:1234:rw,g:55:r", "%s")),
                    "system.posix_acl_access=0x0200000001000600ffffffff02000600d2040000"),
            new Case(
                    "acl-dir",
                    "dir",
                    List.of(
                            List.of("setfacl", "-m", "u:4321:rx", "%s"),
                            List.of("setfacl", "-d", "-m", "u:1234:rwx,g:4294967294:r", "%s")),
                    "system.posix_acl_default=0x0200000001000700ffffffff02000700d2040000"),
            new Case(
                    "dir-user",
                    "dir",
                    List.of(List.of("setfattr", "-n", "user.dir", "-v", "0x80", "%s")),
                    "user.dir=0x80"),
            new Case(
                    "everything",
                    "file",
                    List.of(
                            List.of("setcap", "cap_net_bind_service+ep", "%s"),
                            List.of("setfattr", "-n", "user.a", "-v", "0xff", "%s"),
                            List.of("setfattr", "-n", "trusted.b", "-v", "0x0080", "%s"),
                            List.of("setfacl", "-m", "u:1000:r", "%s")),
                    "trusted.b=0x0080"),
            new Case(
                    "link-trusted",
                    "symlink",
                    List.of(List.of("setfattr", "-h", "-n", "trusted.l", "-v", "0x80ff", "%s")),
                    "trusted.l=0x80ff"));

    enum Packer {
        GNU_TAR(List.of("tar", "--xattrs", "--xattrs-include=*", "--acls", "-cf")),
        BSDTAR(List.of("bsdtar", "--xattrs", "--acls", "-cf"));

        final List<String> create;

        Packer(List<String> create) {
            this.create = create;
        }
    }

    @TempDir
    Path dir;

    Path src;

    @BeforeEach
    void tree() throws Exception {
        Assumptions.assumeTrue(Posix.isRoot(), "needs root: trusted.* xattrs and file capabilities");
        for (String[] tool : new String[][] {
            {"tar", "tar"},
            {"bsdtar", "libarchive-tools"},
            {"getfattr", "attr"},
            {"setfattr", "attr"},
            {"setcap", "libcap2-bin"},
            {"setfacl", "acl"}
        }) {
            Assumptions.assumeTrue(installed(tool[0]), tool[0] + " not found: apt-get install " + tool[1]);
        }
        src = Files.createDirectory(dir.resolve("src"));
        try {
            run(src, "setfattr", "-n", "user.probe", "-v", "1", ".");
            run(src, "setfacl", "-m", "u:1:r", ".");
            run(src, "setfacl", "-b", ".");
            run(src, "setfattr", "-x", "user.probe", ".");
        } catch (IOException e) {
            Assumptions.assumeTrue(false, "the temp file system takes no user xattrs or ACLs: " + e.getMessage());
        }
        for (Case c : CASES) {
            Path p = src.resolve(c.path());
            switch (c.kind()) {
                case "file" -> Files.writeString(p, c.path() + "\n");
                case "dir" -> Files.createDirectory(p);
                default -> Files.createSymbolicLink(p, Path.of("cap-setuid"));
            }
            for (List<String> command : c.setup()) {
                run(src, command.stream().map(a -> a.replace("%s", c.path())).toArray(String[]::new));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Packer.class)
    void unpackAndCommit_xattrsOfGnuTarAndBsdtarArchives_matchWhatGnuTarRestores(Packer packer) throws Exception {
        Path tar = dir.resolve(packer.name().toLowerCase() + ".tar");
        List<String> create = new ArrayList<>(packer.create);
        create.addAll(List.of(tar.toString(), "-C", src.toString(), "."));
        run(dir, create.toArray(String[]::new));
        Path reference = Files.createDirectory(dir.resolve("gnu-tar-restored"));
        run(dir, "tar", "--xattrs", "--xattrs-include=*", "--acls", "-xpf", tar.toString(), "-C", reference.toString());
        Map<String, String> expected = xattrs(reference);
        for (Case c : CASES) {
            assertTrue(
                    expected.get(c.path()).contains(c.mustShow()),
                    "GNU tar restores " + c.path() + " with " + c.mustShow() + ": " + expected.get(c.path()));
        }

        Path unpacked = dir.resolve("unpacked");
        UnpackSummary s =
                Unpacker.applyLayer(LayerBlob.of(tar), unpacked, UnpackOptions.perLayer(WhiteoutForm.OVERLAY));
        assertEquals(0, s.skippedTotal(), s.line());
        assertEquals(expected, xattrs(unpacked), "after unpack");

        // every entry copied up into a container, committed, and the committed layer unpacked again
        Container container = Container.open(
                LayerStack.of(List.of(unpacked), LayerCache.cold()),
                dir.resolve("upper"),
                new ContainerOptions(CopyUp.JDK, WhiteoutForm.OVERLAY, ContainerOptions.Durability.NONE));
        for (Case c : CASES) {
            long mtime = Files.getLastModifiedTime(unpacked.resolve(c.path()), LinkOption.NOFOLLOW_LINKS)
                    .to(TimeUnit.SECONDS);
            container.utimes(c.path(), mtime);
        }
        assertEquals(expected, xattrs(container.upper()), "after copy-up");
        BlobStore store = BlobStore.open(dir.resolve("store"));
        Commit.Result committed = Commit.commit(container, store, CommitOptions.reproducible(Compression.GZIP));
        Path again = dir.resolve("again");
        UnpackSummary s2 = Unpacker.applyLayer(
                LayerBlob.of(store.blobPath(committed.descriptor().digest())),
                again,
                UnpackOptions.perLayer(WhiteoutForm.OVERLAY));
        assertEquals(0, s2.skippedTotal(), s2.line());
        assertEquals(expected, xattrs(again), "after commit and unpack");
    }

    /** {@code getfattr -h -d -m- -e hex} of each case's entry, by path. */
    private static Map<String, String> xattrs(Path root) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (Case c : CASES) {
            out.put(
                    c.path(),
                    run(root, "getfattr", "-h", "-d", "-m-", "-e", "hex", "--", c.path())
                            .strip());
        }
        return out;
    }

    /** Whether the tool is on PATH or in the sbin directories (setcap lives there, and PATH may lack them). */
    private static boolean installed(String tool) {
        return Programs.onPath(tool);
    }

    private static String run(Path cwd, String... command) throws IOException, InterruptedException {
        return Programs.run(
                Invocation.of(command).in(cwd).to(Invocation.Output.CAPTURE_ALL).withTimeout(Duration.ofSeconds(60)));
    }
}
