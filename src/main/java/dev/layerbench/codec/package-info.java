/**
 * Layer compression: none, gzip (java.util.zip) and zstd (zstd-jni), recognised by their magic bytes and applied as
 * stream decorators; {@link dev.layerbench.codec.ReadAhead} runs a decorated stream (reading, digesting, decompressing)
 * ahead of its reader on a thread of its own.
 *
 * <p>The codecs are those the OCI image-spec allows for layers
 * (<a href="https://github.com/opencontainers/image-spec/blob/main/layer.md#distributable-format">layer.md</a>):
 * gzip is <a href="https://www.rfc-editor.org/rfc/rfc1952">RFC 1952</a>, zstd is
 * <a href="https://www.rfc-editor.org/rfc/rfc8878">RFC 8878</a>.
 */
package dev.layerbench.codec;
