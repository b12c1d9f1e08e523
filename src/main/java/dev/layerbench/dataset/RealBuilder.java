package dev.layerbench.dataset;

import dev.layerbench.codec.Compression;
import dev.layerbench.digest.Digest;
import dev.layerbench.fs.Programs;
import dev.layerbench.fs.Trees;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.json.Json;
import dev.layerbench.layer.LayerStream;
import dev.layerbench.tar.LayerWriterOptions;
import dev.layerbench.tar.TarEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Builds a real dataset from its {@link RealRecipe}: debootstrap and {@code apt-get install} in a chroot, each step
 * turned into a layer by {@code umoci repack} in a work layout that caches steps across builds (keyed by the archive,
 * the suite and the step chain); edit steps are written by {@link dev.layerbench.tar.LayerWriter}. The images are then
 * assembled into the dataset's store: umoci's gzip blobs copied as they are, or re-compressed to zstd with the same
 * diff_id. Needs root, debootstrap, umoci, chroot and mount.
 */
final class RealBuilder {

    private static final List<String> TOOLS = List.of("debootstrap", "umoci", "chroot", "mount", "umount");
    private static final String POLICY_RC_D = "usr/sbin/policy-rc.d";
    /** Part of every step's cache key: bump it when what a step does changes. */
    private static final String STEP_VERSION = "2: apt caches and lists cleaned after each step";

    private final RealRecipe recipe;
    private final Path work;
    private final Progress progress;
    private final boolean refresh;

    /**
     * @param work    the step cache: {@code work/oci} (umoci layout), {@code work/logs}, bundles while they are used
     * @param refresh re-run every step even when the cache has it
     */
    RealBuilder(RealRecipe recipe, Path work, Progress progress, boolean refresh) {
        this.recipe = recipe;
        this.work = work;
        this.progress = progress;
        this.refresh = refresh;
    }

    /** Fails with one line when this machine cannot build real datasets. */
    static void checkMachine() throws IOException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!(uid instanceof Integer i) || i != 0) {
            throw new DatasetException(
                    "real datasets need root (debootstrap, chroot and mount); running as uid " + uid);
        }
        for (String tool : TOOLS) {
            if (!Programs.onPath(tool)) {
                throw new DatasetException(
                        "real datasets need " + tool + " on the PATH (apt-get install debootstrap umoci)");
            }
        }
    }

    List<ImageRecord> build(ImageWriter writer) throws IOException {
        checkMachine();
        AptSource source = AptSource.detect(AptSource.APT_DIR);
        String suite = recipe.suite() != null ? recipe.suite() : source.suite();
        progress.step("apt source " + source.uri() + " " + suite + " (from " + source.file() + ")");
        source.checkReachable(Duration.ofSeconds(20));
        Path layout = work.resolve("oci");
        Commands commands = new Commands(work.resolve("logs").resolve("build.log"), progress);
        if (!Files.isRegularFile(layout.resolve("index.json"))) {
            Files.createDirectories(work);
            commands.run("umoci init", List.of("umoci", "init", "--layout", layout.toString()));
        }
        Map<String, String> tags = new HashMap<>();
        for (RealRecipe.RecipeImage image : recipe.images()) {
            String parentTag = null;
            String key = STEP_VERSION + "\n" + source.uri() + " " + suite;
            for (String name : image.layers()) {
                RealRecipe.Step step = recipe.step(name);
                if (step.action() == RealRecipe.Action.edit) {
                    continue;
                }
                key = key + "\n" + new String(Json.MAPPER.writeValueAsBytes(step), StandardCharsets.UTF_8);
                String tag = step.name() + "-"
                        + Digest.of(key.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 12);
                if (!tags.containsKey(name)) {
                    if (refresh || !hasTag(layout, tag)) {
                        runStep(commands, layout, step, parentTag, tag, source, suite);
                    } else {
                        progress.step("step " + name + ": cached as " + layout + ":" + tag);
                    }
                    tags.put(name, tag);
                }
                parentTag = tag;
            }
        }
        return assemble(writer, layout, tags);
    }

    private void runStep(
            Commands commands,
            Path layout,
            RealRecipe.Step step,
            String parentTag,
            String tag,
            AptSource source,
            String suite)
            throws IOException {
        Path bundle = work.resolve("bundle-" + tag);
        Trees.delete(bundle);
        String image = layout + ":" + tag;
        try {
            if (step.action() == RealRecipe.Action.debootstrap) {
                progress.step("step " + step.name() + ": debootstrap --variant=" + step.variant() + " " + suite);
                commands.run("umoci new", List.of("umoci", "new", "--image", image));
                commands.run("umoci unpack", List.of("umoci", "unpack", "--image", image, bundle.toString()));
                commands.run(
                        "debootstrap",
                        List.of(
                                "debootstrap",
                                "--variant=" + step.variant(),
                                suite,
                                bundle.resolve("rootfs").toString(),
                                source.uri()));
                commands.run(
                        "apt-get clean",
                        List.of("chroot", bundle.resolve("rootfs").toString(), "apt-get", "clean"));
                removeAptLists(bundle.resolve("rootfs"));
            } else {
                progress.step("step " + step.name() + ": apt-get install " + String.join(" ", step.packages()));
                commands.run(
                        "umoci unpack",
                        List.of("umoci", "unpack", "--image", layout + ":" + parentTag, bundle.toString()));
                install(commands, bundle.resolve("rootfs"), step);
                if (step.links() != null) {
                    AppletLinks.Made made = AppletLinks.make(bundle.resolve("rootfs"), step.links(), commands);
                    progress.step(String.format(
                            "step %s: %s's links: %d hard links (in %s), %d symlinks, %d paths left"
                                    + " as the packages made them",
                            step.name(),
                            step.links().program(),
                            made.hardLinks(),
                            String.join(", ", step.links().hardLinkDirs()),
                            made.symlinks(),
                            made.existing()));
                }
            }
            progress.step("step " + step.name() + ": umoci repack");
            commands.run(
                    "umoci repack",
                    List.of(
                            "umoci",
                            "repack",
                            "--history.created_by",
                            "layerbench " + step.action() + " " + step.name(),
                            "--image",
                            image,
                            bundle.toString()));
        } finally {
            Trees.delete(bundle);
        }
    }

    /** apt-get in a chroot with /proc mounted, the host's resolv.conf lent and services kept from starting. */
    private static void install(Commands commands, Path rootfs, RealRecipe.Step step) throws IOException {
        Path resolv = rootfs.resolve("etc/resolv.conf");
        Path savedLink = Files.isSymbolicLink(resolv) ? Files.readSymbolicLink(resolv) : null;
        byte[] savedResolv = savedLink == null && Files.isRegularFile(resolv, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                ? Files.readAllBytes(resolv)
                : null;
        FileTime savedTime = savedResolv != null ? Files.getLastModifiedTime(resolv) : null;
        Path policy = rootfs.resolve(POLICY_RC_D);
        Path proc = rootfs.resolve("proc");
        Files.createDirectories(proc);
        boolean mounted = false;
        try {
            Files.deleteIfExists(resolv);
            Files.copy(Path.of("/etc/resolv.conf"), resolv);
            Files.writeString(policy, "#!/bin/sh\nexit 101\n");
            policy.toFile().setExecutable(true);
            commands.run("mount proc", List.of("mount", "-t", "proc", "proc", proc.toString()));
            mounted = true;
            String root = rootfs.toString();
            commands.run("apt-get update", List.of("chroot", root, "apt-get", "-q", "update"));
            List<String> install = new ArrayList<>(
                    List.of("chroot", root, "apt-get", "-q", "-y", "--no-install-recommends", "install"));
            install.addAll(step.packages());
            commands.run("apt-get install", install);
            commands.run("apt-get clean", List.of("chroot", root, "apt-get", "clean"));
        } finally {
            if (mounted) {
                commands.run("umount proc", List.of("umount", proc.toString()));
            }
            Files.deleteIfExists(policy);
            Files.deleteIfExists(resolv);
            if (savedLink != null) {
                Files.createSymbolicLink(resolv, savedLink);
            } else if (savedResolv != null) {
                Files.write(resolv, savedResolv);
                Files.setLastModifiedTime(resolv, savedTime);
            }
        }
        removeAptLists(rootfs);
    }

    /** Deletes the package lists apt downloaded, as image builds do ({@code rm -rf /var/lib/apt/lists/*}). */
    private static void removeAptLists(Path rootfs) throws IOException {
        Path lists = rootfs.resolve("var/lib/apt/lists");
        if (Files.isDirectory(lists)) {
            try (Stream<Path> s = Files.list(lists)) {
                for (Path p : s.toList()) {
                    if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    private List<ImageRecord> assemble(ImageWriter writer, Path layout, Map<String, String> tags) throws IOException {
        Map<String, LayerRecord> done = new HashMap<>();
        List<ImageRecord> images = new ArrayList<>();
        try (ImageArchive archive = ImageArchive.open(layout)) {
            for (RealRecipe.RecipeImage image : recipe.images()) {
                List<LayerRecord> layers = new ArrayList<>();
                List<String> history = new ArrayList<>();
                for (String name : image.layers()) {
                    RealRecipe.Step step = recipe.step(name);
                    String key = name + "/" + image.compression();
                    LayerRecord r = done.get(key);
                    if (r == null) {
                        r = step.action() == RealRecipe.Action.edit
                                ? writer.putLayer(
                                        editEntries(step),
                                        LayerWriterOptions.of(image.compression())
                                                .sorted(),
                                        step.write().size(),
                                        step.delete().size() + step.opaque().size())
                                : umociLayer(writer, archive, tags.get(name), image.compression());
                        done.put(key, r);
                        progress.step(String.format(
                                "image %s layer %s: %d files, %d bytes, %s %d bytes",
                                image.name(),
                                name,
                                r.files(),
                                r.uncompressedSize(),
                                image.compression().label(),
                                r.size()));
                    }
                    layers.add(r);
                    history.add(
                            step.action() == RealRecipe.Action.edit
                                    ? "layerbench LayerWriter edit " + name
                                    : "umoci repack: " + step.action() + " " + name);
                }
                images.add(writer.putImage(image.name(), layers, history));
            }
        }
        return images;
    }

    /** The top layer of the umoci image {@code tag} (the step's own diff), stored with {@code compression}. */
    private static LayerRecord umociLayer(ImageWriter writer, ImageArchive archive, String tag, Compression compression)
            throws IOException {
        Image image = archive.image(tag);
        Layer layer = image.layers().getLast();
        LayerStats stats;
        long uncompressed;
        try (LayerStream in = archive.openUncompressed(layer)) {
            stats = LayerStats.of(in, archive.describe(layer));
            uncompressed = in.verifyToEnd();
        }
        if (compression == layer.compression()) {
            try (InputStream in = archive.openLayer(layer)) {
                return writer.putBlob(in, layer.descriptor(), layer.diffId(), uncompressed, stats);
            }
        }
        try (LayerStream in = archive.openUncompressed(layer)) {
            LayerRecord r = writer.putTar(in, LayerWriterOptions.of(compression), stats);
            in.verifyToEnd();
            return r;
        }
    }

    /** The entries of an edit step: whiteouts, opaque markers, written files, and their parent directories. */
    static List<TarEntry> editEntries(RealRecipe.Step step) {
        List<TarEntry> entries = new ArrayList<>();
        step.delete().forEach(p -> entries.add(TarEntry.whiteout(p)));
        step.opaque().forEach(d -> entries.add(TarEntry.opaque(d)));
        step.write().forEach((p, text) -> entries.add(TarEntry.file(p, text.getBytes(StandardCharsets.UTF_8))));
        TreeSet<String> dirs = new TreeSet<>();
        for (TarEntry e : entries) {
            String p = e.path();
            for (int s = p.indexOf('/'); s >= 0; s = p.indexOf('/', s + 1)) {
                dirs.add(p.substring(0, s));
            }
        }
        dirs.forEach(d -> entries.add(TarEntry.dir(d)));
        return entries;
    }

    private static boolean hasTag(Path layout, String tag) {
        try (ImageArchive archive = ImageArchive.open(layout)) {
            return archive.refs().contains(tag);
        } catch (IOException e) {
            return false;
        }
    }
}
