/**
 * The words of an OCI layer, defined once for every package that reads or writes one: how a tar entry's name becomes
 * a path inside the root ({@link dev.layerbench.oci.LayerPaths}), which names delete or hide lower content
 * ({@link dev.layerbench.oci.Whiteouts}, in the OCI form and in the kernel overlayfs form), and what an entry is
 * ({@link dev.layerbench.oci.EntryKind}). It depends on nothing else in the project: {@code tar}, {@code unpack},
 * {@code image}, {@code union}, {@code container} and {@code sizing} all stand on it, so they cannot disagree about
 * a name.
 *
 * <p>Follows the OCI image-spec <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md">layer
 * filesystem changeset</a>; names are cleaned as umoci's and runc's {@code CleanPath} cleans them
 * (<a href="https://github.com/opencontainers/runc/blob/main/libcontainer/utils/utils.go">libcontainer/utils</a>).
 */
package dev.layerbench.oci;
