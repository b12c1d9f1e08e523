/**
 * Content digests: the {@code algorithm:hex} identifiers that name every blob, layer and config, and streams that
 * compute or verify them while data passes through, in the same pass.
 *
 * <p>Follows the OCI image-spec's <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">descriptor
 * digests</a>; only {@code sha256} is produced and accepted, as Docker and containerd do for image content.
 */
package dev.layerbench.digest;
