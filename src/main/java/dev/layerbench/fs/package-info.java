/**
 * The POSIX file-system calls the JDK lacks, made through the foreign function API (no JNI): {@code mknod} (device
 * nodes, FIFOs, overlayfs whiteouts), extended attributes without following symlinks ({@code lsetxattr},
 * {@code lgetxattr}, {@code llistxattr}), {@code lchown}, {@code chmod} with the set-id and sticky bits,
 * {@code utimensat} on symlinks, and a file-descriptor path for writing a file and setting its owner, mode and times
 * in one open; {@code statx} for allocated blocks, inode, device and link count ({@link dev.layerbench.fs.Stat}) and a
 * {@link dev.layerbench.fs.DiskUsage} walker counting each inode once as {@code du} does; {@code mount}/{@code umount2}
 * for overlay mounts ({@link dev.layerbench.fs.Mount}); scratch ext4/XFS/btrfs loop filesystems
 * ({@link dev.layerbench.fs.LoopFilesystem}); {@link dev.layerbench.fs.HeldLock}, an {@code fcntl} lock shared safely by
 * the threads of a process, whose holder is alive while it holds it; how much of a file or of a set of trees is in the
 * page cache, each inode once, by {@code cachestat(2)} or {@code mincore(2)}, and dropping the cache
 * ({@link dev.layerbench.fs.PageCache}). Failures are {@link dev.layerbench.fs.PosixException}s naming the path, the
 * call and strerror.
 *
 * <p>Follows the Linux man pages: <a href="https://man7.org/linux/man-pages/man2/mknod.2.html">mknod(2)</a>,
 * <a href="https://man7.org/linux/man-pages/man2/setxattr.2.html">setxattr(2)</a>,
 * <a href="https://man7.org/linux/man-pages/man2/chown.2.html">chown(2)</a>,
 * <a href="https://man7.org/linux/man-pages/man2/utimensat.2.html">utimensat(2)</a>,
 * <a href="https://man7.org/linux/man-pages/man2/statx.2.html">statx(2)</a>,
 * <a href="https://man7.org/linux/man-pages/man2/mount.2.html">mount(2)</a>,
 * <a href="https://man7.org/linux/man-pages/man2/cachestat.2.html">cachestat(2)</a>,
 * <a href="https://man7.org/linux/man-pages/man2/mincore.2.html">mincore(2)</a>.
 */
package dev.layerbench.fs;
