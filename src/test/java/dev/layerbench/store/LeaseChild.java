package dev.layerbench.store;

import java.nio.file.Path;

/**
 * A separate process for {@link BlobStoreTest}: {@code LeaseChild STORE SEED} takes a lease, puts seeded content
 * under it (an import that has not tagged yet), prints the digest, then sleeps until killed.
 */
public final class LeaseChild {

    public static void main(String[] args) throws Exception {
        BlobStore store = BlobStore.open(Path.of(args[0]));
        Lease lease = store.lease();
        byte[] content = new byte[4096];
        new java.util.Random(Long.parseLong(args[1])).nextBytes(content);
        Descriptor d = store.put(new java.io.ByteArrayInputStream(content), null, -1, lease);
        System.out.println(d.digest());
        System.out.flush();
        Thread.sleep(120_000);
        lease.close();
    }
}
