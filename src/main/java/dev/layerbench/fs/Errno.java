package dev.layerbench.fs;

/** The Linux {@code errno} values callers test for (asm-generic/errno-base.h, errno.h). */
public final class Errno {

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int ENOSYS = 38;
    public static final int ELOOP = 40;
    public static final int ENODATA = 61;
    public static final int ERANGE = 34;
    public static final int EOPNOTSUPP = 95;

    private Errno() {}

    /** Whether a failure means "this file system or this user cannot do that" rather than bad input. */
    public static boolean unsupported(int errno) {
        return errno == EPERM || errno == EACCES || errno == EOPNOTSUPP || errno == EINVAL;
    }
}
