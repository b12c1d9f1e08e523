/**
 * Reading a layer blob as its tar, the one way every package does it: {@link dev.layerbench.layer.LayerStream} detects
 * the compression by its magic bytes, decompresses ahead on a thread of its own ({@link dev.layerbench.codec.ReadAhead}),
 * and in the same pass verifies the blob against its digest and size and the tar against its diff_id; a plain
 * (uncompressed) layer is hashed once, its one hash serving as both. What a blob must be is a
 * {@link dev.layerbench.layer.LayerCheck}; a blob that is not is rejected with one line
 * ({@link dev.layerbench.digest.DigestMismatchException}, {@link dev.layerbench.layer.LayerException}).
 * {@code image}, {@code unpack}, {@code sizing}, {@code dataset}, {@code peers} and the {@code inspect} tool all read
 * layers through it. Depends on {@code codec}, {@code digest} and {@code input} only.
 *
 * <p>Follows the OCI image-spec: a layer's descriptor digest names the blob as stored, its diff_id the uncompressed tar
 * (<a href="https://github.com/opencontainers/image-spec/blob/main/config.md#layer-diffid">config.md, layer
 * DiffID</a>); the codecs are those of
 * <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md#distributable-format">layer.md</a>.
 */
package dev.layerbench.layer;
