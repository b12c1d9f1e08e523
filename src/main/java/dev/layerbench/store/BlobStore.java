package dev.layerbench.store;

import dev.layerbench.digest.Digest;
import dev.layerbench.digest.DigestMismatchException;
import dev.layerbench.digest.DigestingOutputStream;
import dev.layerbench.digest.Sha256;
import dev.layerbench.digest.VerifyingInputStream;
import dev.layerbench.fs.HeldLock;
import dev.layerbench.json.JsonText;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A content-addressed blob store in OCI image-layout form.
 *
 * <p>Every blob lives at {@code blobs/sha256/<hex>} and its bytes always hash to that name: content is written to a
 * temp file under {@code .ingest/} (same filesystem), hashed while it is written, fsynced, then renamed into place.
 * Putting content that is already there costs no second copy. A writer holds a lock on its temp file for as long as it
 * writes ({@link HeldLock}; the name carries its pid, for people); {@link #open(Path)} deletes temp files nobody holds
 * (left by a crash or {@code kill -9}) and never one a live writer holds. {@code index.json} is rewritten atomically
 * under the store lock ({@code .lock}), so threads and processes can tag concurrently.
 *
 * <p>Creating a store is atomic: the layout is built in a hidden directory beside it and renamed into place, so a store
 * exists whole or not at all, and of several processes creating one at once, one wins and the others use its store.
 * {@link #gc()} keeps what a live {@link Lease} names.
 */
public final class BlobStore {

    /** {@code oci-layout} file name and content. */
    public static final String OCI_LAYOUT_FILE = "oci-layout";

    public static final String OCI_LAYOUT_CONTENT = "{\"imageLayoutVersion\":\"1.0.0\"}";
    public static final String INDEX_FILE = "index.json";
    static final String INGEST_DIR = ".ingest";
    private static final String LOCK_FILE = ".lock";
    static final String TEMP_PREFIX = "put-";

    /** The leases this process holds, by file: gc reads these from memory, never by opening a file it holds. */
    static final Map<Path, Lease> LIVE_LEASES = new ConcurrentHashMap<>();

    private final Path root;
    private final Path blobs;
    private final Path ingest;
    private final Path leases;

    private BlobStore(Path root) {
        this.root = root;
        this.blobs = root.resolve("blobs").resolve(Digest.SHA256);
        this.ingest = root.resolve(INGEST_DIR);
        this.leases = root.resolve(Lease.DIR);
    }

    /**
     * Opens the store at {@code root}, creating an empty layout when the directory is absent or empty (atomically:
     * {@link LayoutCreation}), and deleting what writers that died left: ingest temp files, half-written
     * {@code index.json} temps, dead leases, half-built stores beside it.
     *
     * @throws StoreException when {@code root} holds something that is not an OCI layout
     */
    public static BlobStore open(Path root) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new StoreException(dir + ": not a directory");
        }
        if (dir.getParent() == null) {
            throw new StoreException(dir + ": a store cannot be the root directory");
        }
        Path layout = dir.resolve(OCI_LAYOUT_FILE);
        if (!Files.isRegularFile(layout)) {
            if (Files.isDirectory(dir) && !isEmpty(dir)) {
                throw new StoreException(dir + ": not an OCI image layout (no oci-layout file) and not empty");
            }
            LayoutCreation.create(dir);
        }
        String text = Files.readString(layout, StandardCharsets.UTF_8);
        try {
            Object node = JsonText.parse(text);
            if (!(node instanceof Map<?, ?> m) || !(m.get("imageLayoutVersion") instanceof String)) {
                throw new StoreException(layout + ": no imageLayoutVersion");
            }
        } catch (JsonText.Malformed e) {
            throw new StoreException(layout + ": not JSON: " + e.getMessage());
        }
        BlobStore store = new BlobStore(dir);
        Files.createDirectories(store.blobs); // a layout written by another tool may lack them
        Files.createDirectories(store.ingest);
        if (!Files.exists(dir.resolve(INDEX_FILE))) {
            store.locked(() -> {
                if (!Files.exists(dir.resolve(INDEX_FILE))) {
                    store.writeIndex(OciIndex.empty());
                }
                return null;
            });
        }
        store.index(); // fails early on a garbled index.json
        store.cleanLeftovers();
        return store;
    }

    public Path root() {
        return root;
    }

    /** Where a blob lives (whether or not it exists). */
    public Path blobPath(Digest digest) {
        return blobs.resolve(digest.hex());
    }

    public boolean exists(Digest digest) {
        return Files.isRegularFile(blobPath(digest));
    }

    /** @throws NoSuchFileException naming the blob when it is absent */
    public long size(Digest digest) throws IOException {
        try {
            return Files.size(blobPath(digest));
        } catch (NoSuchFileException e) {
            throw missing(digest);
        }
    }

    /** Stores a stream's content under its digest; returns its descriptor (octet-stream media type). */
    public Descriptor put(InputStream in) throws IOException {
        return put(in, null, VerifyingInputStream.UNKNOWN_SIZE);
    }

    /** Stores bytes under their digest. */
    public Descriptor put(byte[] content) throws IOException {
        return put(new java.io.ByteArrayInputStream(content));
    }

    /**
     * Stores a stream's content that must hash to {@code expected} (and be {@code expectedSize} bytes when that is not
     * negative). When the blob is already present, nothing is read. On a mismatch nothing is stored and a
     * {@link DigestMismatchException} is thrown.
     */
    public Descriptor put(InputStream in, Digest expected, long expectedSize) throws IOException {
        return put(in, expected, expectedSize, null);
    }

    /**
     * As {@link #put(InputStream, Digest, long)}, recording the blob in {@code lease} (when not null) before it is
     * renamed into place or found present, so no gc removes it before the lease ends.
     */
    public Descriptor put(InputStream in, Digest expected, long expectedSize, Lease lease) throws IOException {
        boolean present = expected != null
                && (lease == null
                        ? exists(expected)
                        : locked(() -> {
                            lease.recordLocked(expected);
                            return exists(expected);
                        }));
        if (present) {
            long size = size(expected);
            if (expectedSize >= 0 && size != expectedSize) {
                throw new StoreException(
                        blobPath(expected) + ": stored blob has " + size + " bytes, descriptor says " + expectedSize);
            }
            return new Descriptor(Descriptor.OCTET_STREAM, expected, size);
        }
        HeldLock temp = newTemp();
        try {
            DigestingOutputStream out = new DigestingOutputStream(Channels.newOutputStream(temp.channel()));
            in.transferTo(out);
            out.flush();
            Digest actual = out.digest();
            long count = out.count();
            if (expected != null && (!actual.equals(expected) || (expectedSize >= 0 && count != expectedSize))) {
                throw new DigestMismatchException("blob " + expected, expected, actual, expectedSize, count);
            }
            temp.channel().force(true);
            Path target = blobPath(actual);
            boolean moved = lease == null
                    ? moveUnlessPresent(temp.path(), target)
                    : locked(() -> {
                        lease.recordLocked(actual);
                        return moveUnlessPresent(temp.path(), target);
                    });
            if (moved) {
                fsyncDirectory(blobs);
            }
            return new Descriptor(Descriptor.OCTET_STREAM, actual, count);
        } finally {
            temp.deleteAndClose(); // nothing left when it was moved into place
        }
    }

    /** Opens a blob for reading, checking its content against its name when asked to. */
    public InputStream open(Digest digest, Verification verification) throws IOException {
        Path path = blobPath(digest);
        InputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(path), Sha256.BUFFER_SIZE / 4);
        } catch (NoSuchFileException e) {
            throw missing(digest);
        }
        return verification == Verification.VERIFY
                ? new VerifyingInputStream(in, digest, VerifyingInputStream.UNKNOWN_SIZE, path.toString())
                : in;
    }

    /** Reads a whole (small) blob, verified. */
    public byte[] readAllBytes(Digest digest) throws IOException {
        try (InputStream in = open(digest, Verification.VERIFY)) {
            byte[] bytes = in.readAllBytes();
            in.read(); // reach end of stream so the check runs even if readAllBytes stopped early
            return bytes;
        }
    }

    /** Every blob present, in digest order. */
    public List<Digest> blobs() throws IOException {
        try (Stream<Path> files = Files.list(blobs)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.length() == 64)
                    .flatMap(name -> {
                        try {
                            return Stream.of(new Digest(name));
                        } catch (IllegalArgumentException e) {
                            return Stream.empty();
                        }
                    })
                    .sorted()
                    .toList();
        }
    }

    /** The layout's {@code index.json}. */
    public OciIndex index() throws IOException {
        Path file = root.resolve(INDEX_FILE);
        try {
            return OciJson.index(Files.readAllBytes(file));
        } catch (JsonText.Malformed e) {
            throw new StoreException(file + ": invalid index: " + e.getMessage());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new StoreException(file + ": missing");
        }
    }

    /** The descriptor tagged {@code ref} in {@code index.json}. */
    public Optional<Descriptor> resolve(String ref) throws IOException {
        return index().manifests().stream()
                .filter(d -> d.refName().filter(ref::equals).isPresent())
                .findFirst();
    }

    /** The tags in {@code index.json}, in index order. */
    public List<String> tags() throws IOException {
        return index().manifests().stream().flatMap(d -> d.refName().stream()).toList();
    }

    /**
     * Tags a manifest (which must already be stored) as {@code ref} in {@code index.json}, replacing any earlier
     * descriptor with that tag.
     */
    public void tag(String ref, Descriptor manifest) throws IOException {
        if (ref == null || ref.isBlank()) {
            throw new IllegalArgumentException("empty tag");
        }
        Map<String, String> annotations = new java.util.TreeMap<>(manifest.annotations());
        annotations.put(Descriptor.REF_NAME, ref);
        Descriptor tagged = manifest.withAnnotations(annotations);
        locked(() -> {
            if (!exists(manifest.digest())) {
                throw missing(manifest.digest());
            }
            OciIndex index = index();
            List<Descriptor> list = new ArrayList<>();
            for (Descriptor d : index.manifests()) {
                if (!d.refName().filter(ref::equals).isPresent()) {
                    list.add(d);
                }
            }
            list.add(tagged);
            writeIndex(index.withManifests(list));
            return null;
        });
    }

    /** Removes a tag; the blobs stay until {@link #gc()}. Returns whether it was there. */
    public boolean untag(String ref) throws IOException {
        return locked(() -> {
            OciIndex index = index();
            List<Descriptor> list = index.manifests().stream()
                    .filter(d -> !d.refName().filter(ref::equals).isPresent())
                    .toList();
            if (list.size() == index.manifests().size()) {
                return false;
            }
            writeIndex(index.withManifests(list));
            return true;
        });
    }

    /** Takes a lease: until it is closed, gc keeps what it names. */
    public Lease lease() throws IOException {
        Files.createDirectories(leases);
        return Lease.take(this, leases);
    }

    /**
     * Deletes every blob neither reachable from {@code index.json} (through indexes, manifests, configs and layers) nor
     * named by a live lease. Holds the store lock, so no tag or lease changes meanwhile; a blob put without a lease and
     * not yet tagged is not reachable and is removed.
     */
    public GcResult gc() throws IOException {
        return locked(this::gcLocked);
    }

    /** {@link #gc()} for a caller that holds the store lock ({@link #locked}). */
    public GcResult gcLocked() throws IOException {
        List<Digest> present = blobs();
        Set<Digest> keep = reachable();
        keep.addAll(leasedLocked());
        int kept = 0;
        List<Digest> removed = new ArrayList<>();
        long bytes = 0;
        for (Digest d : present) {
            if (keep.contains(d)) {
                kept++;
            } else {
                Path p = blobPath(d);
                long size = Files.size(p);
                if (Files.deleteIfExists(p)) {
                    removed.add(d);
                    bytes += size;
                }
            }
        }
        fsyncDirectory(blobs);
        return new GcResult(kept, removed, bytes);
    }

    /**
     * Every digest a live lease names (of this process or another), deleting the files of dead leases. The caller
     * holds the store lock ({@link #locked}).
     */
    public Set<Digest> leasedLocked() throws IOException {
        Set<Digest> all = new HashSet<>();
        if (!Files.isDirectory(leases)) {
            return all;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(leases)) {
            for (Path file : files) {
                Lease mine = LIVE_LEASES.get(file);
                if (mine != null) {
                    all.addAll(mine.digests());
                    continue;
                }
                Optional<HeldLock> dead = HeldLock.tryAcquire(file, HeldLock.IfAbsent.SKIP);
                if (dead.isPresent()) {
                    dead.get().deleteAndClose();
                    continue;
                }
                if (LIVE_LEASES.containsKey(file)) {
                    continue; // being taken by this process right now: it names nothing yet
                }
                try {
                    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                        try {
                            all.add(Digest.parse(line.strip()));
                        } catch (IllegalArgumentException e) {
                            // a line cut short by a crash: that lease is dead and goes at the next look
                        }
                    }
                } catch (NoSuchFileException e) {
                    // closed meanwhile
                }
            }
        }
        return all;
    }

    /** Every blob reachable from {@code index.json}: tagged manifests and indexes, their configs and layers. */
    public Set<Digest> reachable() throws IOException {
        Set<Digest> seen = new HashSet<>();
        Deque<Descriptor> todo = new ArrayDeque<>(index().manifests());
        while (!todo.isEmpty()) {
            Descriptor d = todo.pop();
            if (!seen.add(d.digest()) || !exists(d.digest()) || !isJsonDocument(d.mediaType())) {
                continue;
            }
            Map<String, Object> doc;
            try {
                doc = JsonText.object(JsonText.parse(readAllBytes(d.digest())), "document");
            } catch (JsonText.Malformed e) {
                throw new StoreException(
                        blobPath(d.digest()) + ": " + d.mediaType() + " is not JSON: " + e.getMessage());
            }
            try {
                List<Object> children = new ArrayList<>();
                children.addAll(JsonText.arrayOrEmpty(doc.get("manifests"), "manifests"));
                children.addAll(JsonText.arrayOrEmpty(doc.get("layers"), "layers"));
                if (doc.get("config") != null) {
                    children.add(doc.get("config"));
                }
                if (doc.get("subject") != null) {
                    children.add(doc.get("subject"));
                }
                for (Object child : children) {
                    todo.push(OciJson.descriptor(child, "descriptor"));
                }
            } catch (JsonText.Malformed e) {
                throw new StoreException(blobPath(d.digest()) + ": bad descriptor: " + e.getMessage());
            }
        }
        return seen;
    }

    private static boolean isJsonDocument(String mediaType) {
        return mediaType.endsWith("manifest.v1+json")
                || mediaType.endsWith("index.v1+json")
                || mediaType.endsWith("manifest.v2+json")
                || mediaType.endsWith("manifest.list.v2+json");
    }

    private void writeIndex(OciIndex index) throws IOException {
        writeAtomically(root.resolve(INDEX_FILE), OciJson.write(index));
    }

    /** Writes a small file atomically: temp under {@code .ingest/}, fsync, rename, fsync the directory. */
    private void writeAtomically(Path target, byte[] content) throws IOException {
        HeldLock temp = newTemp();
        try {
            OutputStream out = Channels.newOutputStream(temp.channel());
            out.write(content);
            out.flush();
            temp.channel().force(true);
            moveIntoPlace(temp.path(), target);
            fsyncDirectory(target.getParent());
        } finally {
            temp.deleteAndClose();
        }
    }

    /**
     * Creates and locks a temp file {@code .ingest/put-<pid>-<uuid>}. A cleaner in another process may delete it in the
     * instant between its creation and its lock: then try a new name.
     */
    private HeldLock newTemp() throws IOException {
        Files.createDirectories(ingest);
        for (int attempt = 0; ; attempt++) {
            try {
                return HeldLock.create(ingest.resolve(TEMP_PREFIX + HeldLock.pid() + "-" + UUID.randomUUID()));
            } catch (NoSuchFileException | java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw new StoreException(ingest + ": cannot keep a temp file from being cleaned");
                }
            }
        }
    }

    private boolean moveUnlessPresent(Path temp, Path target) throws IOException {
        if (Files.exists(target)) {
            return false;
        }
        moveIntoPlace(temp, target);
        return true;
    }

    static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new StoreException(
                    target + ": cannot rename atomically from " + temp + " (different filesystems?)", e);
        }
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some filesystems refuse fsync on a directory; the rename is still atomic there.
        }
    }

    /**
     * Deletes what dead writers left: ingest temp files (blobs and {@code index.json} being written), dead leases, and
     * half-built stores beside this one. A live writer holds a lock on each, so what can be locked is dead.
     */
    public void cleanLeftovers() throws IOException {
        deleteUnheld(ingest, TEMP_PREFIX + "*");
        if (Files.isDirectory(leases)) {
            locked(() -> leasedLocked());
        }
        LayoutCreation.cleanHalfBuilt(root);
    }

    /** Ingest temp files present now, held or not (for {@code store verify} and tests). */
    public List<Path> ingestFiles() throws IOException {
        List<Path> all = new ArrayList<>();
        if (Files.isDirectory(ingest)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(ingest)) {
                entries.forEach(all::add);
            }
        }
        return all;
    }

    private static void deleteUnheld(Path dir, String glob) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
            for (Path file : entries) {
                Optional<HeldLock> dead = HeldLock.tryAcquire(file, HeldLock.IfAbsent.SKIP);
                if (dead.isPresent()) {
                    dead.get().deleteAndClose();
                }
            }
        }
    }

    /** An action run under the store lock. */
    public interface LockedAction<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code action} holding the store lock ({@code .lock}), which tagging, untagging, leasing and gc take: so it
     * sees no tag or lease change. Not re-entrant: the action must not take it again.
     */
    public <T> T locked(LockedAction<T> action) throws IOException {
        try (HeldLock ignored = HeldLock.acquire(root.resolve(LOCK_FILE))) {
            return action.run();
        }
    }

    private NoSuchFileException missing(Digest digest) {
        return new NoSuchFileException(blobPath(digest).toString(), null, "blob " + digest + " not in store");
    }

    static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
