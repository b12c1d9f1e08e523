package dev.layerbench.layout;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.Clone;
import dev.layerbench.fs.PosixException;
import dev.layerbench.fs.Trees;
import dev.layerbench.image.Image;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.Unpacker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code file-dedup}: a content store {@code base/content/sha256/} holding each distinct regular file once, and per
 * container a tree of its own directories whose regular files come from the store: hard links (the store file's
 * name is {@code <sha256 hex>-<mode>-<uid>-<gid>}, because linked names share one inode's mode, owner and time), or
 * reflinks where the filesystem clones ({@code <sha256 hex>}: each clone gets its own metadata). Dedup is across layers
 * and images, which layer sharing misses. Symlinks, device nodes and FIFOs are hard-linked from the store too (keyed by
 * target or device, and owner), as {@code cp -al} links them: a container costs an inode per directory only. Each image is flattened once into a template, its files moved into the store,
 * and the template deleted; only its plan stays, in memory.
 */
final class DedupLayout extends BaseLayout {

    private final LayoutOptions.Sharing sharing;
    private final Path content;
    private final Map<Image, TreePlan> plans = new HashMap<>();
    private final Map<Path, Path> stored = new HashMap<>();

    DedupLayout(Workspace ws, LayoutOptions options) throws IOException {
        super(ws, options);
        this.content = Files.createDirectories(ws.base().resolve("content").resolve(Digest.SHA256));
        this.sharing = resolveSharing(options.sharing(), ws.base());
        int n = 0;
        for (Image image : ws.images()) {
            Path t = ws.base().resolve(".template-" + n++);
            Unpacker.flatten(ws.archive(), image, t, UnpackOptions.flatten());
            TreePlan plan = TreePlan.of(t);
            for (TreePlan.Entry e : plan.entries()) {
                Path key = switch (e.kind()) {
                    case FILE -> content.resolve(key(Digest.of(e.source()), e));
                    case SYMLINK ->
                        content.resolve("symlink-"
                                + Digest.of(e.link().getBytes(StandardCharsets.UTF_8))
                                        .hex() + "-" + e.uid() + "-" + e.gid());
                    case DEVICE ->
                        content.resolve("node-" + Integer.toOctalString(e.mode()) + "-" + e.rdev() + "-" + e.uid() + "-"
                                + e.gid());
                    default -> null;
                };
                if (key != null) {
                    if (!Files.exists(key, LinkOption.NOFOLLOW_LINKS)) {
                        Files.move(e.source(), key);
                    }
                    stored.put(e.source(), key);
                }
            }
            plans.put(image, plan);
            Trees.delete(t);
        }
    }

    /** How containers share file content: hard links or reflinks. */
    LayoutOptions.Sharing sharing() {
        return sharing;
    }

    @Override
    public String label() {
        return sharing == LayoutOptions.Sharing.REFLINK ? kind().label() + "-reflink" : kind().label();
    }

    private String key(Digest d, TreePlan.Entry e) {
        return sharing == LayoutOptions.Sharing.REFLINK
                ? d.hex()
                : d.hex() + "-" + Integer.toOctalString(e.mode() & 07777) + "-" + e.uid() + "-" + e.gid();
    }

    /** {@code AUTO}: a probe clone in {@code dir}; reflinks when it works, else hard links. */
    static LayoutOptions.Sharing resolveSharing(LayoutOptions.Sharing wanted, Path dir) throws IOException {
        if (wanted != LayoutOptions.Sharing.AUTO) {
            return wanted;
        }
        return canClone(dir) ? LayoutOptions.Sharing.REFLINK : LayoutOptions.Sharing.HARDLINK;
    }

    /** Whether {@code ioctl(FICLONE)} works in {@code dir} (XFS with reflink=1, btrfs: yes; ext4: no). */
    static boolean canClone(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, ".clone-probe-", "");
        Path clone = probe.resolveSibling(probe.getFileName() + ".clone");
        try {
            Files.write(probe, new byte[4096]);
            Clone.file(probe, clone, 0600);
            return true;
        } catch (PosixException e) {
            return false;
        } finally {
            Files.deleteIfExists(clone);
            Files.deleteIfExists(probe);
        }
    }

    @Override
    Instance make(String name, Image image, Path dir) throws IOException {
        TreePlan.FileMaker link = (e, t) -> Files.createLink(t, stored.get(e.source()));
        if (sharing == LayoutOptions.Sharing.REFLINK) {
            plans.get(image).replicate(dir, (e, t) -> Clone.file(stored.get(e.source()), t, e.mode()), false, link);
        } else {
            plans.get(image).replicate(dir, link, true, link);
        }
        return new TreeInstance(name, dir, sharing == LayoutOptions.Sharing.HARDLINK);
    }
}
