package dev.layerbench.fs;

import java.nio.file.FileSystemException;

/** A POSIX call failed: the message is {@code PATH: call: strerror}, on one line; {@link #errno()} gives the code. */
public final class PosixException extends FileSystemException {

    private final int errno;

    public PosixException(String path, String call, int errno) {
        super(path, null, call + ": " + Posix.strerror(errno));
        this.errno = errno;
    }

    /** The C {@code errno} the call set. */
    public int errno() {
        return errno;
    }
}
