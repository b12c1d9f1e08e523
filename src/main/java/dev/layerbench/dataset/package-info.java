/**
 * The benchmark inputs: seeded synthetic image stacks (byte-identical for the same seed and parameters) and real
 * images built from Debian packages (debootstrap, apt-get in a chroot, {@code umoci repack}), written as multi-image
 * OCI layouts through {@link dev.layerbench.store.BlobStore} and pinned by the sha256 of every layer in the manifests
 * of {@code datasets/}. {@link dev.layerbench.dataset.StackFixture} is the layer-directory stack that the union
 * benchmarks and {@code peers --only lookup} both read.
 *
 * <p>Synthetic defaults follow Zhao et al., "Large-Scale Analysis of Docker Images and Performance Implications for
 * Container Storage Systems" (IEEE CLUSTER 2019 / TPDS 2021); the figures used are cited in {@code datasets/README.md}.
 * Images follow the OCI image-spec <a href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md">image
 * layout</a>, <a href="https://github.com/opencontainers/image-spec/blob/main/manifest.md">manifest</a> and
 * <a href="https://github.com/opencontainers/image-spec/blob/main/config.md">config</a>.
 */
package dev.layerbench.dataset;
