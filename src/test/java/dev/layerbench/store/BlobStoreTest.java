package dev.layerbench.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.digest.Digest;
import dev.layerbench.digest.DigestMismatchException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {

    @TempDir
    Path dir;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static List<Path> ingestFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve(".ingest"))) {
            return s.toList();
        }
    }

    @Test
    void open_createsAnEmptyOciLayout() throws IOException {
        BlobStore store = BlobStore.open(dir.resolve("s"));
        assertEquals(BlobStore.OCI_LAYOUT_CONTENT, Files.readString(dir.resolve("s/oci-layout")));
        String index = Files.readString(dir.resolve("s/index.json"));
        assertTrue(index.contains("\"schemaVersion\":2") && index.contains("\"manifests\":[]"), index);
        assertTrue(Files.isDirectory(dir.resolve("s/blobs/sha256")));
        assertEquals(List.of(), store.blobs());
    }

    @Test
    void open_rejectsANonEmptyDirectoryThatIsNotALayout() throws IOException {
        Files.writeString(dir.resolve("precious.txt"), "keep me");
        StoreException e = assertThrows(StoreException.class, () -> BlobStore.open(dir));
        assertTrue(e.getMessage().contains("not an OCI image layout"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("blobs")));
    }

    @Test
    void open_rejectsGarbledIndexNamingTheFile() throws IOException {
        BlobStore.open(dir);
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{]}");
        StoreException e = assertThrows(StoreException.class, () -> BlobStore.open(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("index.json").toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void put_storesUnderDigestWithSize() throws IOException {
        BlobStore store = BlobStore.open(dir);
        byte[] content = random(3 << 20, 1);
        Descriptor d = store.put(new ByteArrayInputStream(content));
        assertEquals(Digest.of(content), d.digest());
        assertEquals(content.length, d.size());
        assertArrayEquals(
                content,
                Files.readAllBytes(dir.resolve("blobs/sha256/" + d.digest().hex())));
        assertTrue(store.exists(d.digest()));
        assertEquals(content.length, store.size(d.digest()));
        assertEquals(List.of(), ingestFiles(dir));
    }

    @Test
    void put_sameContentTwiceKeepsOneCopyAndDoesNotRewrite() throws IOException {
        BlobStore store = BlobStore.open(dir);
        byte[] content = random(100_000, 2);
        Descriptor first = store.put(new ByteArrayInputStream(content));
        Path blob = store.blobPath(first.digest());
        Object inode = Files.readAttributes(blob, java.nio.file.attribute.BasicFileAttributes.class)
                .fileKey();
        Descriptor second = store.put(new ByteArrayInputStream(content));
        Descriptor third = store.put(new ByteArrayInputStream(content), first.digest(), content.length);
        assertEquals(first, second);
        assertEquals(first.digest(), third.digest());
        assertEquals(List.of(first.digest()), store.blobs());
        assertEquals(
                inode,
                Files.readAttributes(blob, java.nio.file.attribute.BasicFileAttributes.class)
                        .fileKey());
    }

    @Test
    void put_withWrongExpectedDigestStoresNothing() throws IOException {
        BlobStore store = BlobStore.open(dir);
        byte[] content = random(10_000, 3);
        Digest wrong = Digest.of("other".getBytes(StandardCharsets.UTF_8));
        DigestMismatchException e = assertThrows(
                DigestMismatchException.class,
                () -> store.put(new ByteArrayInputStream(content), wrong, content.length));
        assertTrue(e.getMessage().contains(wrong.toString()), e.getMessage());
        assertEquals(List.of(), store.blobs());
        assertEquals(List.of(), ingestFiles(dir));
    }

    @Test
    void put_withWrongExpectedSizeStoresNothing() throws IOException {
        BlobStore store = BlobStore.open(dir);
        byte[] content = random(10_000, 4);
        assertThrows(
                DigestMismatchException.class,
                () -> store.put(new ByteArrayInputStream(content), Digest.of(content), content.length + 1));
        assertEquals(List.of(), store.blobs());
    }

    @Test
    void put_failingSourceLeavesNoBlobAndNoTemp() throws IOException {
        BlobStore store = BlobStore.open(dir);
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (++n > 50_000) {
                    throw new IOException("source broke");
                }
                return 7;
            }
        };
        assertThrows(IOException.class, () -> store.put(failing));
        assertEquals(List.of(), store.blobs());
        assertEquals(List.of(), ingestFiles(dir));
    }

    @Test
    void open_verifyDetectsTamperedBlob() throws IOException {
        BlobStore store = BlobStore.open(dir);
        byte[] content = random(50_000, 5);
        Descriptor d = store.put(new ByteArrayInputStream(content));
        byte[] tampered = content.clone();
        tampered[1234] ^= 1;
        Files.write(store.blobPath(d.digest()), tampered);
        try (InputStream in = store.open(d.digest(), Verification.VERIFY)) {
            assertThrows(DigestMismatchException.class, in::readAllBytes);
        }
        try (InputStream in = store.open(d.digest(), Verification.TRUST)) {
            assertArrayEquals(tampered, in.readAllBytes());
        }
    }

    @Test
    void open_missingBlobNamesIt() throws IOException {
        BlobStore store = BlobStore.open(dir);
        Digest absent = Digest.of(new byte[] {9});
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> store.open(absent, Verification.VERIFY));
        assertTrue(e.getFile().endsWith(absent.hex()), e.getFile());
        assertThrows(NoSuchFileException.class, () -> store.size(absent));
    }

    @Test
    void tag_resolveAndUntag() throws IOException {
        BlobStore store = BlobStore.open(dir);
        Descriptor m1 = store.put("{\"a\":1}".getBytes(StandardCharsets.UTF_8)).withMediaType(OciIndex.MEDIA_TYPE);
        Descriptor m2 = store.put("{\"a\":2}".getBytes(StandardCharsets.UTF_8)).withMediaType(OciIndex.MEDIA_TYPE);
        store.tag("one", m1);
        store.tag("two", m2);
        store.tag("one", m2); // retag replaces
        assertEquals(List.of("two", "one"), store.tags());
        assertEquals(m2.digest(), store.resolve("one").orElseThrow().digest());
        assertEquals("one", store.resolve("one").orElseThrow().refName().orElseThrow());
        assertTrue(store.untag("two"));
        assertFalse(store.untag("two"));
        assertEquals(List.of("one"), BlobStore.open(dir).tags());
    }

    @Test
    void tag_refusesAManifestThatIsNotStored() throws IOException {
        BlobStore store = BlobStore.open(dir);
        Descriptor absent = new Descriptor(OciIndex.MEDIA_TYPE, Digest.of(new byte[] {1}), 1);
        assertThrows(NoSuchFileException.class, () -> store.tag("x", absent));
        assertEquals(List.of(), store.tags());
    }

    @Test
    void gc_removesOnlyUnreachableBlobs() throws IOException {
        BlobStore store = BlobStore.open(dir);
        Descriptor layer = store.put(random(1000, 6));
        Descriptor config =
                store.put("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes(StandardCharsets.UTF_8));
        Descriptor orphan = store.put(random(777, 7));
        String manifestJson = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + config.digest()
                + "\",\"size\":" + config.size()
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                + "\"digest\":\"" + layer.digest() + "\",\"size\":" + layer.size() + "}]}";
        Descriptor manifest = store.put(manifestJson.getBytes(StandardCharsets.UTF_8))
                .withMediaType("application/vnd.oci.image.manifest.v1+json");
        store.tag("keep", manifest);
        GcResult result = store.gc();
        assertEquals(3, result.blobsKept());
        assertEquals(1, result.blobsRemoved());
        assertEquals(777, result.bytesRemoved());
        assertFalse(store.exists(orphan.digest()));
        assertTrue(store.exists(layer.digest()) && store.exists(config.digest()) && store.exists(manifest.digest()));
        store.untag("keep");
        assertEquals(3, store.gc().blobsRemoved());
        assertEquals(List.of(), store.blobs());
    }

    @Test
    void put_concurrentThreadsSameContentAreSafe() throws Exception {
        BlobStore store = BlobStore.open(dir);
        byte[] content = random(2 << 20, 8);
        List<Future<Descriptor>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 16; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    BlobStore s = n % 2 == 0 ? store : BlobStore.open(dir);
                    Descriptor d = s.put(new ByteArrayInputStream(content));
                    s.tag("t" + n, d.withMediaType("application/vnd.oci.image.manifest.v1+json"));
                    return d;
                }));
            }
            for (Future<Descriptor> f : results) {
                assertEquals(Digest.of(content), f.get().digest());
            }
        }
        assertEquals(List.of(Digest.of(content)), store.blobs());
        assertArrayEquals(content, Files.readAllBytes(store.blobPath(Digest.of(content))));
        assertEquals(16, store.tags().size(), "every concurrent tag survives the read-modify-write of index.json");
        assertEquals(List.of(), ingestFiles(dir));
    }

    @Test
    void put_concurrentProcessesSameContentAreSafe() throws Exception {
        BlobStore.open(dir);
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(child("42", "16", "fast").start());
        }
        List<String> printed = new ArrayList<>();
        for (Process p : children) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            printed.add(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        }
        BlobStore store = BlobStore.open(dir);
        Digest expected = Digest.of(PutChild.content(42, 16, false));
        assertEquals(List.of(expected.toString(), expected.toString(), expected.toString()), printed);
        assertEquals(List.of(expected), store.blobs());
        assertEquals(expected, Digest.of(store.blobPath(expected)));
    }

    @Test
    void open_eightThreadsOnANewStore_allOpenOneStore() throws Exception {
        Path root = dir.resolve("new");
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(8);
        List<java.util.concurrent.Future<BlobStore>> opened = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                byte[] content = random(100, i);
                opened.add(pool.submit(() -> {
                    start.await();
                    BlobStore s = BlobStore.open(root);
                    s.put(content);
                    return s;
                }));
            }
            for (var f : opened) {
                f.get(); // rethrows a thread's failure
            }
        }
        assertEquals(8, BlobStore.open(root).blobs().size());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(root), s.toList(), "no half-built store left beside it");
        }
    }

    @Test
    void open_anEmptyMountPointIsCreatedInPlace() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.layerbench.fs.Posix.isRoot(), "needs root to mount a tmpfs");
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        dev.layerbench.fs.Programs.run(List.of("mount", "-t", "tmpfs", "tmpfs", mnt.toString()));
        try {
            BlobStore store = BlobStore.open(mnt); // rename(2) onto a mount point fails with EBUSY
            store.put(random(10, 1));
            assertEquals(1, BlobStore.open(mnt).blobs().size());
        } finally {
            dev.layerbench.fs.Programs.run(List.of("umount", mnt.toString()));
        }
    }

    @Test
    void open_removesAHalfBuiltStoreOfADeadCreator() throws IOException {
        Path root = dir.resolve("s");
        Files.createDirectories(dir.resolve(".s.new-999999-x/blobs/sha256"));
        Files.createFile(dir.resolve(".s.new-999999-x.lock")); // nobody holds it: its creator died
        BlobStore.open(root);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(root), s.toList());
        }
    }

    @Test
    void open_keepsTheTempFileOfALiveWriter() throws IOException {
        BlobStore.open(dir);
        Path temp = dir.resolve(".ingest/put-1-live");
        try (dev.layerbench.fs.HeldLock held = dev.layerbench.fs.HeldLock.create(temp)) {
            BlobStore.open(dir);
            assertTrue(Files.exists(temp), "held by a live writer");
        }
        assertTrue(Files.exists(temp), "closing a lock does not delete");
        BlobStore.open(dir);
        assertFalse(Files.exists(temp), "nobody holds it now");
    }

    @Test
    void gc_keepsWhatALiveLeaseNames_andNotOnceItEnds() throws IOException {
        BlobStore store = BlobStore.open(dir);
        byte[] content = random(500, 9);
        Digest d = Digest.of(content);
        try (Lease lease = store.lease()) {
            store.put(new java.io.ByteArrayInputStream(content), d, content.length, lease);
            assertEquals(0, store.gc().blobsRemoved(), "written by an import that has not tagged yet");
            assertTrue(store.exists(d));
        }
        assertEquals(List.of(d), store.gc().removed());
        try (Stream<Path> s = Files.list(dir.resolve(".leases"))) {
            assertEquals(0, s.count(), "a closed lease leaves no file");
        }
    }

    @Test
    void gc_keepsWhatAnotherProcessLeases_untilThatProcessIsKilled() throws Exception {
        BlobStore store = BlobStore.open(dir);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        LeaseChild.class.getName(),
                        dir.toString(),
                        "5")
                .redirectErrorStream(true)
                .start();
        Digest leased;
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
            leased = Digest.parse(String.valueOf(line));
            assertEquals(0, store.gc().blobsRemoved(), "another process's import, not tagged yet");
            assertTrue(store.exists(leased));
        } finally {
            p.destroyForcibly(); // SIGKILL: its lease dies with it
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of(leased), store.gc().removed());
        try (Stream<Path> s = Files.list(dir.resolve(".leases"))) {
            assertEquals(0, s.count(), "the dead lease file is gone");
        }
    }

    @Test
    void gc_deletesADeadProcesssLease_andWhatOnlyItKept() throws IOException {
        BlobStore store = BlobStore.open(dir);
        Descriptor blob = store.put(random(300, 10));
        Files.createDirectories(dir.resolve(".leases"));
        Files.writeString(dir.resolve(".leases/999999-dead"), blob.digest() + "\n"); // unlocked: its holder died
        assertEquals(List.of(blob.digest()), store.gc().removed());
        assertFalse(Files.exists(dir.resolve(".leases/999999-dead")));
    }

    @Test
    void open_afterKill9LeavesNoBlobUnderAWrongNameAndCleansTemp() throws Exception {
        BlobStore.open(dir);
        Process p = child("7", "400", "slow").start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ingestFiles(dir).stream()
                .noneMatch(f -> f.getFileName().toString().startsWith("put-") && sizeOf(f) > (1 << 20))) {
            assertTrue(System.nanoTime() < deadline, "child never started writing");
            Thread.sleep(50);
        }
        p.destroyForcibly(); // SIGKILL: no finally block runs in the child
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertFalse(ingestFiles(dir).isEmpty(), "the killed writer's temp file is still there before reopening");
        BlobStore store = BlobStore.open(dir);
        assertEquals(List.of(), ingestFiles(dir), "open cleans temp files nobody holds");
        for (Digest d : store.blobs()) {
            assertEquals(d, Digest.of(store.blobPath(d)));
        }
        assertEquals(List.of(), store.blobs());
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    private ProcessBuilder child(String seed, String megabytes, String speed) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                PutChild.class.getName(),
                dir.toString(),
                seed,
                megabytes,
                speed);
    }
}
