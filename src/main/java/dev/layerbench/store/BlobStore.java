package dev.layerbench.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.digest.Digest;
import dev.layerbench.digest.DigestMismatchException;
import dev.layerbench.digest.DigestingOutputStream;
import dev.layerbench.digest.Sha256;
import dev.layerbench.digest.VerifyingInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
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
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A content-addressed blob store in OCI image-layout form.
 *
 * <p>Every blob lives at {@code blobs/sha256/<hex>} and its bytes always hash to that name: content is written to a
 * temp file under {@code .ingest/} (same filesystem), hashed while it is written, fsynced, then renamed into place.
 * Putting content that is already there costs no second copy. A writer holds a lock on its temp file for as long as it
 * writes; {@link #open(Path)} deletes temp files nobody holds (left by a crash or {@code kill -9}). {@code index.json}
 * is rewritten atomically under an exclusive lock, so threads and processes can tag concurrently.
 */
public final class BlobStore {

    /** {@code oci-layout} file name and content. */
    public static final String OCI_LAYOUT_FILE = "oci-layout";
    public static final String OCI_LAYOUT_CONTENT = "{\"imageLayoutVersion\":\"1.0.0\"}";
    public static final String INDEX_FILE = "index.json";
    private static final String INGEST_DIR = ".ingest";
    private static final String LOCK_FILE = ".lock";
    private static final String TEMP_PREFIX = "put-";

    /** One in-JVM lock per store directory, since file locks are per process. */
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final Path blobs;
    private final Path ingest;

    private BlobStore(Path root) {
        this.root = root;
        this.blobs = root.resolve("blobs").resolve(Digest.SHA256);
        this.ingest = root.resolve(INGEST_DIR);
    }

    /**
     * Opens the store at {@code root}, creating an empty layout when the directory is absent or empty, and deleting
     * temp files left by writers that died.
     *
     * @throws StoreException when {@code root} holds something that is not an OCI layout
     */
    public static BlobStore open(Path root) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new StoreException(dir + ": not a directory");
        }
        BlobStore store = new BlobStore(dir);
        Path layout = dir.resolve(OCI_LAYOUT_FILE);
        if (Files.isRegularFile(layout)) {
            String text = Files.readString(layout, StandardCharsets.UTF_8);
            try {
                JsonNode node = Json.MAPPER.readTree(text);
                if (node == null || !node.path("imageLayoutVersion").isTextual()) {
                    throw new StoreException(layout + ": no imageLayoutVersion");
                }
            } catch (JsonProcessingException e) {
                throw new StoreException(layout + ": not JSON: " + Json.reason(e));
            }
        } else if (Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new StoreException(dir + ": not an OCI image layout (no oci-layout file) and not empty");
        }
        Files.createDirectories(store.blobs);
        Files.createDirectories(store.ingest);
        if (!Files.exists(layout)) {
            store.writeAtomically(layout, OCI_LAYOUT_CONTENT.getBytes(StandardCharsets.UTF_8));
        }
        if (!Files.exists(dir.resolve(INDEX_FILE))) {
            store.withIndexLock(() -> {
                if (!Files.exists(dir.resolve(INDEX_FILE))) {
                    store.writeIndex(OciIndex.empty());
                }
                return null;
            });
        }
        store.index(); // fails early on a garbled index.json
        store.cleanIngest();
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
        if (expected != null && exists(expected)) {
            long size = size(expected);
            if (expectedSize >= 0 && size != expectedSize) {
                throw new StoreException(blobPath(expected) + ": stored blob has " + size + " bytes, descriptor says "
                        + expectedSize);
            }
            return new Descriptor(Descriptor.OCTET_STREAM, expected, size);
        }
        try (Temp temp = newTemp()) {
            DigestingOutputStream out = new DigestingOutputStream(Channels.newOutputStream(temp.channel));
            in.transferTo(out);
            out.flush();
            Digest actual = out.digest();
            long count = out.count();
            if (expected != null && (!actual.equals(expected) || (expectedSize >= 0 && count != expectedSize))) {
                throw new DigestMismatchException("blob " + expected, expected, actual, expectedSize, count);
            }
            temp.channel.force(true);
            Path target = blobPath(actual);
            if (!Files.exists(target)) {
                moveIntoPlace(temp.path, target);
                fsyncDirectory(blobs);
            }
            return new Descriptor(Descriptor.OCTET_STREAM, actual, count);
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
            return Json.MAPPER.readValue(file.toFile(), OciIndex.class);
        } catch (JsonProcessingException e) {
            throw new StoreException(file + ": invalid index: " + Json.reason(e));
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new StoreException(file + ": missing");
        }
    }

    /** The descriptor tagged {@code ref} in {@code index.json}. */
    public Optional<Descriptor> resolve(String ref) throws IOException {
        return index().manifests().stream().filter(d -> d.refName().filter(ref::equals).isPresent()).findFirst();
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
        if (!exists(manifest.digest())) {
            throw missing(manifest.digest());
        }
        Map<String, String> annotations = new java.util.TreeMap<>(manifest.annotations());
        annotations.put(Descriptor.REF_NAME, ref);
        Descriptor tagged = manifest.withAnnotations(annotations);
        withIndexLock(() -> {
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
        return withIndexLock(() -> {
            OciIndex index = index();
            List<Descriptor> list = index.manifests().stream()
                    .filter(d -> !d.refName().filter(ref::equals).isPresent()).toList();
            if (list.size() == index.manifests().size()) {
                return false;
            }
            writeIndex(index.withManifests(list));
            return true;
        });
    }

    /**
     * Deletes every blob not reachable from {@code index.json} (through indexes, manifests, configs and layers). Holds
     * the index lock, so no tag changes meanwhile; a blob put but not yet tagged is not reachable and is removed.
     */
    public GcResult gc() throws IOException {
        return withIndexLock(() -> {
            Set<Digest> reachable = reachable();
            int kept = 0;
            int removed = 0;
            long bytes = 0;
            for (Digest d : blobs()) {
                if (reachable.contains(d)) {
                    kept++;
                } else {
                    Path p = blobPath(d);
                    long size = Files.size(p);
                    if (Files.deleteIfExists(p)) {
                        removed++;
                        bytes += size;
                    }
                }
            }
            fsyncDirectory(blobs);
            return new GcResult(kept, removed, bytes);
        });
    }

    private Set<Digest> reachable() throws IOException {
        Set<Digest> seen = new HashSet<>();
        Deque<Descriptor> todo = new ArrayDeque<>(index().manifests());
        while (!todo.isEmpty()) {
            Descriptor d = todo.pop();
            if (!seen.add(d.digest()) || !exists(d.digest()) || !isJsonDocument(d.mediaType())) {
                continue;
            }
            JsonNode doc;
            try {
                doc = Json.MAPPER.readTree(readAllBytes(d.digest()));
            } catch (JsonProcessingException e) {
                throw new StoreException(blobPath(d.digest()) + ": " + d.mediaType() + " is not JSON: " + Json.reason(e));
            }
            List<JsonNode> children = new ArrayList<>();
            doc.path("manifests").forEach(children::add);
            doc.path("layers").forEach(children::add);
            if (doc.has("config")) {
                children.add(doc.get("config"));
            }
            if (doc.has("subject")) {
                children.add(doc.get("subject"));
            }
            for (JsonNode child : children) {
                try {
                    todo.push(Json.MAPPER.treeToValue(child, Descriptor.class));
                } catch (JsonProcessingException e) {
                    throw new StoreException(blobPath(d.digest()) + ": bad descriptor: " + Json.reason(e));
                }
            }
        }
        return seen;
    }

    private static boolean isJsonDocument(String mediaType) {
        return mediaType.endsWith("manifest.v1+json") || mediaType.endsWith("index.v1+json")
                || mediaType.endsWith("manifest.v2+json") || mediaType.endsWith("manifest.list.v2+json");
    }

    private void writeIndex(OciIndex index) throws IOException {
        writeAtomically(root.resolve(INDEX_FILE), Json.MAPPER.writeValueAsBytes(index));
    }

    /** Writes a small file atomically: temp beside it, fsync, rename, fsync the directory. */
    private void writeAtomically(Path target, byte[] content) throws IOException {
        try (Temp temp = newTemp()) {
            OutputStream out = Channels.newOutputStream(temp.channel);
            out.write(content);
            out.flush();
            temp.channel.force(true);
            moveIntoPlace(temp.path, target);
            fsyncDirectory(target.getParent());
        }
    }

    /** A temp file under {@code .ingest/}, locked by its writer for its whole life; closing unlocks and removes it. */
    private record Temp(Path path, FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                channel.close(); // releases the lock
            } finally {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Creates and locks a temp file. A cleaner in another store instance may lock and delete a temp file in the instant
     * between its creation and its lock: so once locked, the file must still be the one at its path, else try again.
     */
    private Temp newTemp() throws IOException {
        Files.createDirectories(ingest);
        for (int attempt = 0; ; attempt++) {
            Path path = ingest.resolve(TEMP_PREFIX + UUID.randomUUID());
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.lock();
                if (Files.exists(path)) {
                    return new Temp(path, channel, lock);
                }
            } catch (OverlappingFileLockException e) {
                // a cleaner in this JVM holds it for the moment: it is about to delete it
            } catch (IOException | RuntimeException e) {
                channel.close();
                Files.deleteIfExists(path);
                throw e;
            }
            channel.close();
            if (attempt > 100) {
                throw new StoreException(ingest + ": cannot keep a temp file from being cleaned");
            }
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new StoreException(target + ": cannot rename atomically from " + temp + " (different filesystems?)", e);
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some filesystems refuse fsync on a directory; the rename is still atomic there.
        }
    }

    /** Deletes temp files whose writer is gone: a live writer holds a lock on its file. */
    private void cleanIngest() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(ingest, TEMP_PREFIX + "*")) {
            for (Path temp : entries) {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    FileLock lock = channel.tryLock();
                    if (lock != null) {
                        Files.deleteIfExists(temp);
                        lock.release();
                    }
                } catch (OverlappingFileLockException | NoSuchFileException e) {
                    // held by a writer in this JVM, or already gone
                }
            }
        }
    }

    private interface LockedAction<T> {
        T run() throws IOException;
    }

    private <T> T withIndexLock(LockedAction<T> action) throws IOException {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(root, k -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return action.run();
        } finally {
            jvmLock.unlock();
        }
    }

    private NoSuchFileException missing(Digest digest) {
        return new NoSuchFileException(blobPath(digest).toString(), null, "blob " + digest + " not in store");
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

}
