/**
 * Reading container images: an OCI image-layout directory, an OCI archive tar ({@code oci-archive}) and a
 * {@code docker save} tar ({@code docker-archive}, legacy {@code manifest.json} form and the newer form that holds an
 * OCI layout), down to manifest, config, {@code rootfs.diff_ids} and layer descriptors; and importing an image into
 * the {@link dev.layerbench.store.BlobStore}, each blob once, verified as it is read.
 *
 * <p>Follows the OCI image-spec <a href="https://github.com/opencontainers/image-spec/blob/main/manifest.md">manifest</a>,
 * <a href="https://github.com/opencontainers/image-spec/blob/main/config.md">config</a> and
 * <a href="https://github.com/opencontainers/image-spec/blob/main/media-types.md">media types</a>, and Docker's
 * <a href="https://github.com/moby/docker-image-spec/blob/main/v1.2.md">image spec v1.2</a> for {@code docker save}.
 */
package dev.layerbench.image;
