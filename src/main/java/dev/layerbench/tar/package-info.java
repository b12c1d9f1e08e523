/**
 * Writing OCI layer tars deterministically: the same entries give the same bytes on any machine (fixed owners, modes
 * and mtimes as given, no host user or group names, no device numbers, PAX headers for long names and xattrs), hashed
 * in the same pass that writes them, optionally compressed (gzip with a fixed header, zstd at a fixed level).
 *
 * <p>Entries follow the OCI image-spec <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md">layer
 * filesystem changeset</a>: files, directories, symlinks, hard links, whiteouts ({@code .wh.NAME}) and opaque
 * directory markers ({@code .wh..wh..opq}); tar headers follow POSIX pax
 * (<a href="https://pubs.opengroup.org/onlinepubs/9799919799/utilities/pax.html">pax interchange format</a>).
 */
package dev.layerbench.tar;
