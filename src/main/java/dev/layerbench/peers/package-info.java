/**
 * Side by side with the peers: the project's operations timed against the tools people already use (GNU tar, umoci,
 * openssl, sha256sum, gzip, pigz, zstd, cp, the kernel's overlayfs), on the same input, on the same machine, in one
 * sitting, alternating the two (A B A B ...) after a warm-up so that drift of the machine falls on both.
 *
 * <p>A {@link dev.layerbench.peers.Trial} measures one run and returns the nanoseconds of its timed part (its setup,
 * such as a fresh target directory or a mount, is outside). A {@link dev.layerbench.peers.PeerComparison} is one row:
 * the project's side and the peer's, each labelled whole process (JVM or tool start-up included) or steady state (in
 * process, warm), their {@link dev.layerbench.peers.Stats} and the ratio of the medians project/peer. A
 * {@link dev.layerbench.peers.Report} writes the rows and the machine ({@link dev.layerbench.results.MachineInfo})
 * to Markdown and JSON. The kernel side follows <a href="https://docs.kernel.org/filesystems/overlayfs.html">overlayfs.rst</a>;
 * the layers follow image-spec <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md">layer.md</a>.
 */
package dev.layerbench.peers;
