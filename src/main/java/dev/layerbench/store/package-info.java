/**
 * A content-addressed blob store on disk in OCI image-layout form: {@code oci-layout}, {@code index.json} and
 * {@code blobs/sha256/<hex>}, each content stored once, written atomically (temp file, fsync, rename), tagged in
 * {@code index.json} and garbage-collected from it.
 *
 * <p>Shared by threads and processes, and safe against a crash of any of them at any moment. The choices: creating a
 * store is atomic (built in {@code .<name>.new-<pid>-<uuid>} beside it and renamed into place; a loser of the race uses
 * the winner's store). Whatever a writer is making (ingest temp {@code .ingest/put-<pid>-<uuid>}, {@code index.json}
 * temp, lease, half-built store) carries its pid and a lock it holds while it lives
 * ({@link dev.layerbench.fs.HeldLock}), so opening a store deletes exactly what dead writers left. A
 * {@link dev.layerbench.store.Lease} (a locked file naming digests, as containerd's leases) keeps what an import has
 * written but not yet tagged from {@link dev.layerbench.store.BlobStore#gc()}: digests are recorded under the store lock
 * before their blob is renamed into place or found present, and gc runs under the same lock.
 *
 * <p>Follows the OCI image-spec <a href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md">image
 * layout</a>, <a href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">image index</a> and
 * <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md">descriptor</a>.
 */
package dev.layerbench.store;
