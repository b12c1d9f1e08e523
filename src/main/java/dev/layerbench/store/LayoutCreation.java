package dev.layerbench.store;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.HeldLock;
import dev.layerbench.fs.Trees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Creating a store atomically: the empty layout is built in {@code .<name>.new-<pid>-<uuid>} beside it (its creator
 * holding {@code .<name>.new-<pid>-<uuid>.lock}), fsynced and renamed onto the absent or empty directory, so a store
 * exists whole or not at all; of several processes creating one at once, one rename wins and the others use that
 * store. A half-built store whose lock can be taken was left by a creator that died, and the next open removes it.
 */
final class LayoutCreation {

    private static final String NEW_INFIX = ".new-";

    private LayoutCreation() {}

    /**
     * Builds an empty layout in {@code .<name>.new-<pid>-<uuid>} beside {@code dir} and renames it onto {@code dir}
     * (absent or an empty directory, which {@code rename(2)} replaces). When another process's store got there first,
     * the rename fails and that store is used.
     */
    static void create(Path dir) throws IOException {
        Path parent = Files.createDirectories(dir.getParent());
        String name = "." + dir.getFileName() + NEW_INFIX + HeldLock.pid() + "-" + UUID.randomUUID();
        Path temp = parent.resolve(name);
        try (HeldLock lock = HeldLock.create(parent.resolve(name + ".lock"))) {
            try {
                Files.createDirectories(temp.resolve("blobs").resolve(Digest.SHA256));
                Files.createDirectories(temp.resolve(BlobStore.INGEST_DIR));
                writeDurably(temp.resolve(BlobStore.INDEX_FILE), OciJson.write(OciIndex.empty()));
                writeDurably(
                        temp.resolve(BlobStore.OCI_LAYOUT_FILE),
                        BlobStore.OCI_LAYOUT_CONTENT.getBytes(StandardCharsets.UTF_8));
                BlobStore.fsyncDirectory(temp);
                try {
                    Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
                    BlobStore.fsyncDirectory(parent);
                } catch (IOException e) {
                    if (Files.isRegularFile(dir.resolve(BlobStore.OCI_LAYOUT_FILE))) {
                        // another process created it first: use that one
                    } else if (Files.isDirectory(dir) && BlobStore.isEmpty(dir)) {
                        createInPlace(dir); // an empty mount point, which rename(2) cannot replace (EBUSY)
                    } else {
                        throw new StoreException(
                                dir + ": cannot create the store: "
                                        + (e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                                                ? f.getReason()
                                                : e.toString()),
                                e);
                    }
                }
            } finally {
                Trees.delete(temp);
            }
            lock.deleteAndClose();
        }
    }

    /**
     * Creates the layout inside an existing empty directory, {@code oci-layout} last (each file written beside and
     * renamed): a crash leaves a directory without {@code oci-layout}, which the next open refuses, naming it. Only for a
     * directory the atomic rename cannot replace; another process opening it meanwhile may be refused the same way.
     */
    private static void createInPlace(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("blobs").resolve(Digest.SHA256));
        Files.createDirectories(dir.resolve(BlobStore.INGEST_DIR));
        for (String name : List.of(BlobStore.INDEX_FILE, BlobStore.OCI_LAYOUT_FILE)) {
            byte[] content = name.equals(BlobStore.INDEX_FILE)
                    ? OciJson.write(OciIndex.empty())
                    : BlobStore.OCI_LAYOUT_CONTENT.getBytes(StandardCharsets.UTF_8);
            Path temp = dir.resolve(BlobStore.INGEST_DIR)
                    .resolve(BlobStore.TEMP_PREFIX + HeldLock.pid() + "-" + UUID.randomUUID());
            try {
                writeDurably(temp, content);
                BlobStore.moveIntoPlace(temp, dir.resolve(name));
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        BlobStore.fsyncDirectory(dir);
    }

    private static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(content));
            channel.force(true);
        }
    }

    /** Removes the half-built stores beside {@code root} whose creator died. */
    static void cleanHalfBuilt(Path root) throws IOException {
        Path parent = root.getParent();
        if (!Files.isReadable(parent)) {
            return; // nothing this process could have made there
        }
        try (DirectoryStream<Path> locks =
                Files.newDirectoryStream(parent, "." + root.getFileName() + NEW_INFIX + "*.lock")) {
            for (Path lockFile : locks) {
                Optional<HeldLock> dead = HeldLock.tryAcquire(lockFile, HeldLock.IfAbsent.SKIP);
                if (dead.isPresent()) {
                    String name = lockFile.getFileName().toString();
                    Trees.delete(parent.resolve(name.substring(0, name.length() - ".lock".length())));
                    dead.get().deleteAndClose();
                }
            }
        }
    }
}
