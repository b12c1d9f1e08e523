/**
 * Writing OCI layer tars deterministically: the same entries give the same bytes on any machine (fixed owners, modes
 * and mtimes as given, no host user or group names, no device numbers, PAX headers for long names and xattrs), hashed
 * in the same pass that writes them, optionally compressed (gzip with a fixed header, zstd at a fixed level).
 *
 * <p>Reading, {@link dev.layerbench.tar.PaxTarInputStream} gives each entry's xattrs byte for byte from its PAX
 * records ({@code SCHILY.xattr.*}, {@code LIBARCHIVE.xattr.*}, {@code SCHILY.acl.*} text as the binary ACL xattrs),
 * which commons-compress alone decodes as UTF-8; writing, xattr values go out as the same raw bytes.
 *
 * <p>Entries follow the OCI image-spec <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md">layer
 * filesystem changeset</a>: files, directories, symlinks, hard links, whiteouts ({@code .wh.NAME}) and opaque
 * directory markers ({@code .wh..wh..opq}); tar headers follow POSIX pax
 * (<a href="https://pubs.opengroup.org/onlinepubs/9799919799/utilities/pax.html">pax interchange format</a>).
 */
package dev.layerbench.tar;
