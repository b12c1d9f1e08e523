/**
 * A content-addressed blob store on disk in OCI image-layout form: {@code oci-layout}, {@code index.json} and
 * {@code blobs/sha256/<hex>}, each content stored once, written atomically (temp file, fsync, rename), tagged in
 * {@code index.json} and garbage-collected from it.
 *
 * <p>Follows the OCI image-spec <a href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md">image
 * layout</a>, <a href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">image index</a> and
 * <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md">descriptor</a>.
 */
package dev.layerbench.store;
