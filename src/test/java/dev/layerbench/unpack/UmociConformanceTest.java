package dev.layerbench.unpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.fs.Posix;
import dev.layerbench.fs.Trees;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flattens images that umoci built and compares the result with {@code umoci unpack}'s rootfs (rootless when not
 * root): paths, types, permission bits, sizes, content hashes, symlink targets, hard-link groups, and owners when root.
 */
class UmociConformanceTest {

    @TempDir
    Path tmp;

    boolean root;

    @BeforeEach
    void setUp() {
        Tools.assumeInstalled("umoci", "umoci");
        root = Posix.isRoot();
    }

    /** Unpacks a fresh bundle of image {@code layout:t}, lets {@code edit} change its rootfs, repacks a new layer. */
    void layer(Path layout, String bundleName, Edit edit) throws Exception {
        Path bundle = tmp.resolve(bundleName);
        List<String> cmd = new ArrayList<>(Tools.umociUnpack(root, layout + ":t", bundle.toString()));
        Tools.run(tmp, cmd.toArray(String[]::new));
        edit.apply(bundle.resolve("rootfs"));
        Tools.run(tmp, "umoci", "repack", "--image", layout + ":t", bundle.toString());
    }

    interface Edit {
        void apply(Path rootfs) throws Exception;
    }

    Path newImage() throws Exception {
        Path layout = tmp.resolve("layout");
        Tools.run(tmp, "umoci", "init", "--layout", layout.toString());
        Tools.run(tmp, "umoci", "new", "--image", layout + ":t");
        return layout;
    }

    /** umoci's rootfs of {@code layout:t} against ours, from the layout and, where given, other forms of it. */
    void assertSameAsUmoci(Path layout, Path... otherForms) throws Exception {
        Path bundle = tmp.resolve("reference");
        Tools.run(tmp, Tools.umociUnpack(root, layout + ":t", bundle.toString()).toArray(String[]::new));
        Map<String, String> expected = TreeSnapshot.of(bundle.resolve("rootfs"), root);
        assertTrue(expected.size() > 5, "umoci's rootfs has content: " + expected.keySet());
        List<Path> sources = new ArrayList<>(List.of(layout));
        sources.addAll(List.of(otherForms));
        int i = 0;
        for (Path source : sources) {
            Path ours = tmp.resolve("ours" + (i++));
            try (ImageArchive archive = ImageArchive.open(source)) {
                Image image = archive.image(source.equals(layout) ? "t" : null);
                Unpacker.flatten(archive, image, ours, UnpackOptions.flatten());
            }
            Map<String, String> actual = TreeSnapshot.of(ours, root);
            actual.put("/", expected.get("/")); // the root directory's mode is the bundle's, not the image's
            List<String> diff = TreeSnapshot.diff(expected, actual, 20);
            assertTrue(diff.isEmpty(), source + " differs from umoci's rootfs:\n" + String.join("\n", diff));
        }
    }

    @Test
    void flatten_umociImageWithEditsAndWhiteouts_equalsUmociUnpack() throws Exception {
        Path layout = newImage();
        layer(layout, "b1", r -> {
            Files.createDirectories(r.resolve("etc/conf.d"));
            Files.writeString(r.resolve("etc/conf.d/a.conf"), "a=1\n");
            Files.writeString(r.resolve("etc/conf.d/b.conf"), "b=2\n");
            Files.writeString(r.resolve("etc/motd"), "hello\n");
            Files.createDirectories(r.resolve("usr/bin"));
            Path tool = Files.write(r.resolve("usr/bin/tool"), new byte[70_000]);
            Posix.chmod(tool, 04755);
            Files.createLink(r.resolve("usr/bin/tool-alias"), tool);
            Files.createSymbolicLink(r.resolve("usr/bin/sh"), Path.of("tool"));
            Files.createDirectories(r.resolve("var/lib/old/deep"));
            Files.writeString(r.resolve("var/lib/old/deep/x"), "x");
            Files.writeString(r.resolve("var/lib/" + "n".repeat(200)), "long name");
            Files.createDirectories(r.resolve("replace-me"));
            Files.writeString(r.resolve("private"), "secret");
            Files.setPosixFilePermissions(r.resolve("private"), PosixFilePermissions.fromString("rw-------"));
            Posix.mknod(r.resolve("fifo"), Posix.S_IFIFO, 0644, 0, 0);
        });
        layer(
                layout,
                "b2",
                r -> { // a layer that deletes and edits files
                    Files.delete(r.resolve("etc/conf.d/b.conf"));
                    Files.writeString(r.resolve("etc/motd"), "edited\n");
                    Trees.delete(r.resolve("var/lib/old"));
                    Trees.delete(r.resolve("replace-me"));
                    Files.writeString(r.resolve("replace-me"), "now a file");
                    Files.delete(r.resolve("usr/bin/sh"));
                    Files.createSymbolicLink(r.resolve("usr/bin/sh"), Path.of("/usr/bin/tool"));
                    Files.setPosixFilePermissions(
                            r.resolve("etc/conf.d"), PosixFilePermissions.fromString("rwx------"));
                });
        layer(
                layout,
                "b3",
                r -> { // a layer that installs things
                    Files.createDirectories(r.resolve("opt/pkg/lib"));
                    for (int i = 0; i < 200; i++) {
                        Files.writeString(r.resolve("opt/pkg/lib/f" + i), "content " + i + "\n".repeat(i));
                    }
                    Files.createLink(r.resolve("opt/pkg/lib/same"), r.resolve("opt/pkg/lib/f7"));
                });
        Path ociArchive = tmp.resolve("image.oci.tar");
        Tools.run(tmp, "tar", "-C", layout.toString(), "-cf", ociArchive.toString(), ".");
        List<Path> forms = new ArrayList<>(List.of(ociArchive));
        if (Tools.installed("skopeo")) {
            Path dockerArchive = tmp.resolve("image.docker.tar");
            Tools.run(
                    tmp,
                    "skopeo",
                    "copy",
                    "--quiet",
                    "oci:" + layout + ":t",
                    "docker-archive:" + dockerArchive + ":t:latest");
            forms.add(dockerArchive);
        }
        assertSameAsUmoci(layout, forms.toArray(Path[]::new));
    }

    @Test
    void flatten_layersWithOpaqueDirectories_equalsUmociUnpack() throws Exception {
        Path layout = newImage();
        Path l1 = Files.write(
                tmp.resolve("l1.tar"),
                new TarBuilder()
                        .dir("etc")
                        .dir("etc/app")
                        .file("etc/app/old", "old")
                        .dir("etc/app/sub")
                        .file("etc/app/sub/deep", "deep")
                        .file("etc/keep", "keep")
                        .dir("srv")
                        .file("srv/x", "x")
                        .build());
        Path l2 = Files.write(
                tmp.resolve("l2.tar"),
                new TarBuilder()
                        .dir("etc/app")
                        .file("etc/app/.wh..wh..opq", "")
                        .file("etc/app/new", "new")
                        .dir("srv")
                        .file("srv/y", "y")
                        .file("srv/.wh..wh..opq", "")
                        .build());
        Path l3 = Files.write(
                tmp.resolve("l3.tar"),
                new TarBuilder()
                        .file("etc/.wh.keep", "")
                        .dir("etc/app/sub")
                        .file("etc/app/sub/again", "again")
                        .build());
        for (Path l : List.of(l1, l2, l3)) {
            Tools.run(tmp, "umoci", "raw", "add-layer", "--image", layout + ":t", l.toString());
        }
        assertSameAsUmoci(layout);
        try (ImageArchive archive = ImageArchive.open(layout)) {
            Path ours = tmp.resolve("check");
            Unpacker.flatten(archive, archive.image("t"), ours, UnpackOptions.flatten());
            assertEquals(List.of("new", "sub"), UnpackerTest.names(ours.resolve("etc/app")));
            assertEquals(List.of("again"), UnpackerTest.names(ours.resolve("etc/app/sub")));
            assertEquals(List.of("y"), UnpackerTest.names(ours.resolve("srv")));
        }
    }
}
