package dev.layerbench.layout;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.Mount;
import dev.layerbench.fs.Posix;
import dev.layerbench.fs.Stat;
import dev.layerbench.image.Image;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.Unpacker;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code composefs} ("composefs-style"): the kernel path composefs uses, built from erofs-utils and overlayfs since
 * composefs itself is not packaged here. Each distinct file content is stored once, across every image, in a
 * content-addressed object store {@code base/objects/<2 hex>/<sha256 hex>}. Per image, the flattened tree is turned
 * into metadata only: every non-empty regular file keeps its owner, mode, times and size (a hole) and gets the xattrs
 * {@code trusted.overlay.metacopy} (empty) and {@code trusted.overlay.redirect} ({@code /<2 hex>/<sha256 hex>}); that
 * tree becomes one EROFS image {@code base/meta-<n>.erofs}, loop-mounted read-only. A container is an overlay with the
 * metadata image as its lower layer and the object store as a data-only lower layer
 * ({@code lowerdir=META::OBJECTS,metacopy=on,redirect_dir=on}, Linux 6.5+), and {@code upper/}, {@code work/}.
 */
final class ComposefsLayout extends ErofsBaseLayout {

    static final String METACOPY = "trusted.overlay.metacopy";
    static final String REDIRECT = "trusted.overlay.redirect";
    /** Overlay options a container is mounted with, besides its layers. */
    static final String OPTIONS = "metacopy=on,redirect_dir=on";

    private final Path objects;
    private final Map<Image, Path> meta = new HashMap<>();

    ComposefsLayout(Workspace ws, LayoutOptions options) throws IOException {
        super(ws, options);
        this.objects = Files.createDirectory(ws.base().resolve("objects"));
        int n = 0;
        for (Image image : ws.images()) {
            Path tree = ws.base().resolve(".meta-" + n);
            Unpacker.flatten(ws.archive(), image, tree, UnpackOptions.flatten());
            toMetadata(tree);
            meta.put(image, mountImage(tree, ws.base().resolve("meta-" + n + ".erofs"), true, "meta-" + n));
            n++;
        }
    }

    /** Moves the content of every non-empty regular file of {@code tree} into the object store, leaving metadata. */
    private void toMetadata(Path tree) throws IOException {
        Set<List<Long>> done = new HashSet<>();
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(tree)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
        }
        for (Path f : files) {
            Stat s = Stat.of(f);
            if (s.size() == 0 || !done.add(List.of(s.dev(), s.ino()))) {
                continue; // empty files stay as they are; a hard link's inode is done once
            }
            String hex = Digest.of(f).hex();
            Path object = objects.resolve(hex.substring(0, 2)).resolve(hex);
            if (!Files.exists(object, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(object.getParent());
                Path tmp = object.resolveSibling("." + hex + ".tmp");
                Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, object, StandardCopyOption.ATOMIC_MOVE);
            }
            FileTime mtime = Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS);
            Map<String, byte[]> xattrs = new HashMap<>(); // truncating drops security.capability: put them back
            for (String name : Posix.llistxattr(f)) {
                Optional<byte[]> v = Posix.lgetxattr(f, name);
                v.ifPresent(b -> xattrs.put(name, b));
            }
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(0);
                raf.setLength(s.size());
            }
            for (Map.Entry<String, byte[]> x : xattrs.entrySet()) {
                Posix.lsetxattr(f, x.getKey(), x.getValue());
            }
            if ((s.mode() & 06000) != 0) {
                Posix.chmod(f, s.mode() & Posix.MODE_BITS);
            }
            Posix.lsetxattr(f, METACOPY, new byte[0]);
            Posix.lsetxattr(f, REDIRECT, ("/" + hex.substring(0, 2) + "/" + hex).getBytes(StandardCharsets.UTF_8));
            Files.setLastModifiedTime(f, mtime);
        }
    }

    /** The object store: each distinct file content once. */
    Path objects() {
        return objects;
    }

    @Override
    Instance make(String name, Image image, Path dir) throws IOException {
        MountedInstance m = MountedInstance.prepare(name, dir);
        Mount.overlay(List.of(meta.get(image)), List.of(objects), m.upper(), m.work(), m.merged(), OPTIONS);
        return m;
    }
}
