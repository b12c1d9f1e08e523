package dev.layerbench.unpack;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.AtomicFile;
import dev.layerbench.fs.HeldLock;
import dev.layerbench.fs.Trees;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.store.BlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-layer directories of a store: {@code <store root>/layers/sha256/<diff_id hex>/} holds one layer's files, unpacked
 * once however many images share the layer, with its whiteouts in one {@link WhiteoutForm}, recorded in the file
 * {@code <diff_id hex>.whiteouts} beside it ({@code overlay} or {@code oci}).
 *
 * <p>Shared by threads and processes, as containerd's snapshotter shares a snapshot key: a layer is unpacked by one of
 * them at a time, the one holding {@code <diff_id hex>.lock} beside the directory ({@link HeldLock}); the others wait
 * on that lock, then find the layer complete and use it. The holder unpacks into a staging directory
 * {@code .<hex>.unpack-<pid>-XXXX}, renames it into place, and records completion last: the {@code .whiteouts} marker,
 * written to a temp file, fsynced, renamed, its directory fsynced. A directory without its marker is incomplete, and the
 * next holder of the key removes it and unpacks again. Staging directories exist only while their key is held, so one
 * whose key can be locked was left by a dead process; the first unpack of a process (and {@link #cleanLeftovers()})
 * removes those, never what a live process holds. Lock files stay (empty, one inode per layer): deleting a lock file
 * someone waits on would let two processes hold "the" lock at once.
 *
 * <p>Durability against power loss is not claimed for the files inside a directory (they are not fsynced one by one);
 * against a crash or {@code kill -9} of any process it is complete or absent.
 */
public final class LayerDirectories {

    /** The directory under a store's root that holds the per-layer directories. */
    public static final String LAYERS = "layers";
    /** Suffix of the file beside a layer directory naming its whiteout form: the completion marker. */
    public static final String FORM_SUFFIX = ".whiteouts";
    /** Suffix of the lock file beside a layer directory. */
    public static final String LOCK_SUFFIX = ".lock";

    private static final String TEMP_SUFFIX = ".tmp";

    /** Bases this process has cleaned of dead processes' leftovers. */
    private static final Set<Path> CLEANED = ConcurrentHashMap.newKeySet();

    private final Path base;

    private LayerDirectories(Path base) {
        this.base = base;
    }

    /** The per-layer directories of a store. */
    public static LayerDirectories of(BlobStore store) {
        return at(store.root());
    }

    /** The per-layer directories under a store root. */
    public static LayerDirectories at(Path storeRoot) {
        return new LayerDirectories(
                storeRoot.toAbsolutePath().normalize().resolve(LAYERS).resolve(Digest.SHA256));
    }

    /** The directory holding the per-layer directories ({@code layers/sha256}). */
    public Path base() {
        return base;
    }

    /** Where the layer with this diff_id is (or would be) unpacked. */
    public Path path(Digest diffId) {
        return base.resolve(diffId.hex());
    }

    /** Whether the layer is unpacked: its directory is there and its completion marker too. */
    public boolean isUnpacked(Digest diffId) {
        return Files.isDirectory(path(diffId), LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(formFile(diffId));
    }

    /** The whiteout form the layer's directory uses; empty when it is not unpacked. */
    public Optional<WhiteoutForm> form(Digest diffId) throws IOException {
        if (!isUnpacked(diffId)) {
            return Optional.empty();
        }
        return Optional.of(WhiteoutForm.ofLabel(
                Files.readString(formFile(diffId), StandardCharsets.US_ASCII).strip()));
    }

    /** Unpacks a layer with the form this process can make ({@link WhiteoutForm#forThisProcess()}), unless it is there. */
    public Optional<UnpackSummary> ensureUnpacked(ImageArchive archive, Layer layer) throws IOException {
        return ensureUnpacked(archive, layer, UnpackOptions.perLayer(WhiteoutForm.forThisProcess()));
    }

    /**
     * Unpacks a layer into its directory unless it is already there, waiting while another thread or process unpacks
     * it.
     *
     * @param options whiteouts must be {@code KEEP_OVERLAY} or {@code KEEP_OCI}
     * @return what was done, or empty when the layer was already unpacked (here or by another process meanwhile)
     */
    public Optional<UnpackSummary> ensureUnpacked(ImageArchive archive, Layer layer, UnpackOptions options)
            throws IOException {
        WhiteoutForm form = switch (options.whiteouts()) {
            case KEEP_OVERLAY -> WhiteoutForm.OVERLAY;
            case KEEP_OCI -> WhiteoutForm.OCI;
            case APPLY ->
                throw new IllegalArgumentException(
                        "a per-layer directory keeps its whiteouts: use KEEP_OVERLAY or KEEP_OCI");
        };
        Digest diffId = layer.diffId();
        if (isUnpacked(diffId)) {
            return Optional.empty();
        }
        Files.createDirectories(base);
        if (CLEANED.add(base)) {
            cleanLeftovers();
        }
        try (HeldLock key = HeldLock.acquire(lockFile(diffId))) {
            if (isUnpacked(diffId)) {
                return Optional.empty(); // unpacked by the holder we waited for
            }
            removeLocked(diffId); // what a dead holder left
            long start = System.nanoTime();
            Path target = path(diffId);
            try (Staging staging = Staging.beside(target)) {
                Unpacker.Result r =
                        Unpacker.apply(staging.dir(), List.of(new ImageLayerSource(archive, layer)), options);
                if (!staging.commit()) {
                    throw new UnpackException(
                            target + ": appeared while its lock was held (is another program writing here?)");
                }
                writeForm(diffId, form);
                return Optional.of(r.summary(target.toString(), (System.nanoTime() - start) / 1e9));
            }
        }
    }

    /** Unpacks every layer of an image that is not there yet; returns the layer directories, bottom first. */
    public List<Path> ensureUnpacked(ImageArchive archive, Image image) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (Layer l : image.layers()) {
            ensureUnpacked(archive, l);
            dirs.add(path(l.diffId()));
        }
        return dirs;
    }

    /** The layers that are unpacked (directory and marker), in digest order. */
    public List<Digest> unpacked() throws IOException {
        List<Digest> all = new ArrayList<>();
        for (Path p : entries()) {
            Optional<Digest> d = keyOf(p.getFileName().toString());
            if (d.isPresent() && p.getFileName().toString().equals(d.get().hex()) && isUnpacked(d.get())) {
                all.add(d.get());
            }
        }
        all.sort(null);
        return all;
    }

    /**
     * What is here and is neither a complete layer nor its lock: staging directories, marker temps, directories
     * without their marker, markers without their directory. A live unpack has some for a moment; after
     * {@link #cleanLeftovers()} with no process at work there are none.
     */
    public List<Path> incomplete() throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path p : entries()) {
            String name = p.getFileName().toString();
            Optional<Digest> d = keyOf(name);
            if (d.isEmpty()) {
                all.add(p);
            } else if (name.equals(d.get().hex() + LOCK_SUFFIX)) {
                continue;
            } else if (name.equals(d.get().hex()) || name.equals(d.get().hex() + FORM_SUFFIX)) {
                if (!isUnpacked(d.get())) {
                    all.add(p);
                }
            } else {
                all.add(p);
            }
        }
        all.sort(null);
        return all;
    }

    /**
     * The {@link #incomplete()} entries no live thread or process is working on (its key is free): what a crash left
     * and {@link #cleanLeftovers()} would remove. Empty on a sound store, even while others unpack.
     */
    public List<Path> abandoned() throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path p : incomplete()) {
            Optional<Digest> d = keyOf(p.getFileName().toString());
            if (d.isEmpty()) {
                all.add(p);
                continue;
            }
            Optional<HeldLock> key = HeldLock.tryAcquire(lockFile(d.get()), HeldLock.IfAbsent.SKIP);
            if (key.isPresent()) {
                key.get().close();
                all.add(p);
            } else if (!Files.exists(lockFile(d.get()))) {
                all.add(p); // no lock file at all: nobody ever held this key here
            }
        }
        return all;
    }

    /**
     * Removes what dead processes left (staging directories, marker temps, directories without their marker): for each
     * key with such leftovers, only when its lock can be taken, so nothing a live process is writing is touched.
     */
    public void cleanLeftovers() throws IOException {
        Set<Digest> keys = new TreeSet<>();
        for (Path p : incomplete()) {
            keyOf(p.getFileName().toString()).ifPresent(keys::add);
        }
        for (Digest d : keys) {
            Optional<HeldLock> key = HeldLock.tryAcquire(lockFile(d), HeldLock.IfAbsent.CREATE);
            if (key.isPresent()) {
                try (HeldLock held = key.get()) {
                    if (isUnpacked(d)) {
                        removeStaging(d);
                    } else {
                        removeLocked(d);
                    }
                }
            }
        }
    }

    /**
     * Removes a layer's directory (marker first, so it is never complete-looking while half deleted) unless a thread or
     * process holds its key, unpacking it.
     *
     * @return whether it was removed (false: busy)
     */
    public boolean remove(Digest diffId) throws IOException {
        Optional<HeldLock> key = HeldLock.tryAcquire(lockFile(diffId), HeldLock.IfAbsent.CREATE);
        if (key.isEmpty()) {
            return false;
        }
        try (HeldLock held = key.get()) {
            removeLocked(diffId);
            return true;
        }
    }

    /** Removes the marker, then the directory and any staging: the caller holds the key. */
    private void removeLocked(Digest diffId) throws IOException {
        Files.deleteIfExists(formFile(diffId));
        Files.deleteIfExists(base.resolve("." + diffId.hex() + FORM_SUFFIX + TEMP_SUFFIX));
        Trees.delete(path(diffId));
        removeStaging(diffId);
    }

    private void removeStaging(Digest diffId) throws IOException {
        Files.deleteIfExists(base.resolve("." + diffId.hex() + FORM_SUFFIX + TEMP_SUFFIX));
        try (DirectoryStream<Path> staging = Files.newDirectoryStream(base, Staging.prefix(diffId.hex()) + "*")) {
            for (Path p : staging) {
                Trees.delete(p);
            }
        }
    }

    private List<Path> entries() throws IOException {
        List<Path> all = new ArrayList<>();
        if (Files.isDirectory(base)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(base)) {
                entries.forEach(all::add);
            }
        }
        return all;
    }

    /** The key a name in the base belongs to: {@code <hex>}, {@code <hex>.*}, {@code .<hex>.*}. */
    private static Optional<Digest> keyOf(String name) {
        String n = name.startsWith(".") ? name.substring(1) : name;
        if (n.length() < 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Digest(n.substring(0, 64)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Path lockFile(Digest diffId) {
        return base.resolve(diffId.hex() + LOCK_SUFFIX);
    }

    private Path formFile(Digest diffId) {
        return base.resolve(diffId.hex() + FORM_SUFFIX);
    }

    /** Records completion: the marker, written to a temp, fsynced, renamed; then the directory fsynced. */
    private void writeForm(Digest diffId, WhiteoutForm form) throws IOException {
        AtomicFile.write(
                formFile(diffId),
                AtomicFile.Durability.DIRECTORY_SYNCED,
                (form.label() + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
