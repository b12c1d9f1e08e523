/**
 * The POSIX file-system calls the JDK lacks, made through the foreign function API (no JNI): {@code mknod} (device
 * nodes, FIFOs, overlayfs whiteouts), extended attributes without following symlinks ({@code lsetxattr},
 * {@code lgetxattr}, {@code llistxattr}), {@code lchown}, {@code chmod} with the set-id and sticky bits,
 * {@code utimensat} on symlinks, and a file-descriptor path for writing a file and setting its owner, mode and times
 * in one open. Failures are {@link dev.layerbench.fs.PosixException}s naming the path, the call and strerror.
 *
 * <p>Follows the Linux man pages: <a href="https://man7.org/linux/man-pages/man2/mknod.2.html">mknod(2)</a>,
 * <a href="https://man7.org/linux/man-pages/man2/setxattr.2.html">setxattr(2)</a>,
 * <a href="https://man7.org/linux/man-pages/man2/chown.2.html">chown(2)</a>,
 * <a href="https://man7.org/linux/man-pages/man2/utimensat.2.html">utimensat(2)</a>.
 */
package dev.layerbench.fs;
