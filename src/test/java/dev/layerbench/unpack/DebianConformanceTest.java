package dev.layerbench.unpack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.Posix;
import dev.layerbench.fs.Trees;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real image: umoci builds it from a debootstrapped Debian minbase, a layer that installs packages with apt and a
 * layer that deletes and edits files. It is built once and cached under {@code ~/.cache/layerbench/}, keyed by its
 * recipe. Flattened from the OCI layout, an oci-archive and a docker-archive, it must equal {@code umoci unpack}'s
 * rootfs; as root, overlayfs mounted on its per-layer directories must equal the flattened tree. Skips when not root,
 * when debootstrap, umoci or skopeo is missing, or when debootstrap cannot reach the mirror.
 */
class DebianConformanceTest {

    static final String SUITE = "bookworm";
    static final String MIRROR = "http://deb.debian.org/debian";
    static final String PACKAGES = "less ca-certificates";
    static final String RECIPE =
            "v1 | debootstrap --variant=minbase " + SUITE + " " + MIRROR + " | rm var/cache/apt/archives/*.deb"
                    + " | apt-get install -y --no-install-recommends " + PACKAGES
                    + " | rm -rf usr/share/doc usr/share/man var/lib/apt/lists/*; edit etc/motd, etc/issue";
    static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "layerbench");

    static Path layout;

    @TempDir
    Path tmp;

    @BeforeAll
    static void image() throws Exception {
        Assumptions.assumeTrue(Posix.isRoot(), "needs root: debootstrap, and umoci keeping owners");
        Tools.assumeInstalled("debootstrap", "debootstrap");
        Tools.assumeInstalled("umoci", "umoci");
        layout = CACHE.resolve("debian-" + SUITE + "-minbase-"
                + Digest.of(RECIPE.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 12));
        if (!Files.isDirectory(layout)) {
            build(layout);
        }
    }

    static Path rootfs() throws Exception {
        Path rootfs = CACHE.resolve("debootstrap-" + SUITE + "-minbase");
        if (Files.isDirectory(rootfs)) {
            return rootfs;
        }
        Files.createDirectories(CACHE);
        Path stage = Files.createTempDirectory(CACHE, ".stage-debootstrap-");
        try {
            Tools.run(CACHE, 900, "debootstrap", "--variant=minbase", SUITE, stage.toString(), MIRROR);
        } catch (IOException e) {
            Trees.delete(stage);
            String m = e.getMessage();
            Assumptions.abort("debootstrap cannot build " + SUITE + " from " + MIRROR + ": "
                    + m.substring(Math.max(0, m.length() - 300)).replace('\n', ' '));
        }
        Files.move(stage, rootfs, StandardCopyOption.ATOMIC_MOVE);
        return rootfs;
    }

    static void build(Path target) throws Exception {
        Path rootfs = rootfs();
        Path work = Files.createTempDirectory(CACHE, ".build-");
        try {
            Path l = work.resolve("layout");
            String image = l + ":t";
            Tools.run(work, "umoci", "init", "--layout", l.toString());
            Tools.run(work, "umoci", "new", "--image", image);
            Tools.run(work, "umoci", "unpack", "--image", image, "b1");
            Tools.run(work, "cp", "-a", rootfs + "/.", work.resolve("b1/rootfs").toString());
            Tools.run(work, "sh", "-c", "rm -f b1/rootfs/var/cache/apt/archives/*.deb");
            Tools.run(work, 900, "umoci", "repack", "--image", image, "b1");
            Tools.run(work, "umoci", "unpack", "--image", image, "b2");
            Files.copy(
                    Path.of("/etc/resolv.conf"),
                    work.resolve("b2/rootfs/etc/resolv.conf"),
                    StandardCopyOption.REPLACE_EXISTING);
            try {
                Tools.run(
                        work,
                        900,
                        "chroot",
                        work.resolve("b2/rootfs").toString(),
                        "sh",
                        "-c",
                        "apt-get install -y --no-install-recommends " + PACKAGES + " && apt-get clean");
            } catch (IOException e) {
                Assumptions.abort("apt-get in the chroot cannot install " + PACKAGES + ": "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            Tools.run(work, 900, "umoci", "repack", "--image", image, "b2");
            Tools.run(work, "umoci", "unpack", "--image", image, "b3");
            Tools.run(
                    work,
                    "sh",
                    "-c",
                    "cd b3/rootfs && rm -rf usr/share/doc usr/share/man var/lib/apt/lists/* "
                            + "&& echo 'layerbench test image' > etc/motd && echo 'Debian layerbench' > etc/issue");
            Tools.run(work, 900, "umoci", "repack", "--image", image, "b3");
            Files.move(l, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Trees.delete(work);
        }
    }

    @Test
    void flatten_debianImageInAllThreeForms_equalsUmociUnpack() throws Exception {
        Path reference = tmp.resolve("reference");
        Tools.run(tmp, 900, "umoci", "unpack", "--image", layout + ":t", reference.toString());
        Map<String, String> expected = TreeSnapshot.of(reference.resolve("rootfs"), true);
        assertTrue(expected.size() > 3000, "a Debian rootfs has thousands of entries: " + expected.size());
        List<Path> sources = new ArrayList<>(List.of(layout));
        Path ociArchive = tmp.resolve("debian.oci.tar");
        Tools.run(tmp, "tar", "-C", layout.toString(), "-cf", ociArchive.toString(), ".");
        sources.add(ociArchive);
        if (Tools.installed("skopeo")) {
            Path dockerArchive = tmp.resolve("debian.docker.tar");
            Tools.run(
                    tmp,
                    900,
                    "skopeo",
                    "copy",
                    "--quiet",
                    "oci:" + layout + ":t",
                    "docker-archive:" + dockerArchive + ":debian:test");
            sources.add(dockerArchive);
        }
        int i = 0;
        for (Path source : sources) {
            Path ours = tmp.resolve("ours" + (i++));
            try (ImageArchive archive = ImageArchive.open(source)) {
                Image image = archive.image(source.equals(layout) ? "t" : null);
                Unpacker.flatten(archive, image, ours, UnpackOptions.flatten());
            }
            Map<String, String> actual = TreeSnapshot.of(ours, true);
            actual.put("/", expected.get("/"));
            List<String> diff = TreeSnapshot.diff(expected, actual, 20);
            assertTrue(diff.isEmpty(), source + " differs from umoci's rootfs:\n" + String.join("\n", diff));
            Trees.delete(ours);
        }
    }

    @Test
    void overlayMount_ofDebianLayerDirectories_equalsFlattenedTree() throws Exception {
        Assumptions.assumeTrue(
                Files.readString(Path.of("/proc/filesystems")).contains("overlay"),
                "the kernel has no overlayfs (modprobe overlay)");
        Path store = tmp.resolve("store");
        Path flat = tmp.resolve("flat");
        Path mnt = Files.createDirectory(tmp.resolve("mnt"));
        try (ImageArchive archive = ImageArchive.open(layout)) {
            Image image = archive.image("t");
            List<Path> dirs = new ArrayList<>(LayerDirectories.at(store).ensureUnpacked(archive, image));
            Unpacker.flatten(archive, image, flat, UnpackOptions.flatten());
            Collections.reverse(dirs);
            Tools.run(
                    tmp,
                    "mount",
                    "-t",
                    "overlay",
                    "overlay",
                    "-o",
                    "ro,lowerdir="
                            + String.join(":", dirs.stream().map(Path::toString).toList()),
                    mnt.toString());
            try {
                Map<String, String> mounted = TreeSnapshot.of(mnt, true);
                Map<String, String> flattened = TreeSnapshot.of(flat, true);
                mounted.remove("/");
                flattened.remove("/");
                List<String> diff = TreeSnapshot.diff(mounted, flattened, 20);
                assertTrue(
                        diff.isEmpty(), "overlay mount differs from the flattened tree:\n" + String.join("\n", diff));
            } finally {
                Tools.run(tmp, "umount", mnt.toString());
            }
        }
    }
}
