package dev.layerbench.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Where sha256 instances come from, and the buffer size the project hashes with. */
public final class Sha256 {

    /** Read and hash in 1 MiB pieces: large enough that per-call overhead vanishes, small enough for L2. */
    public static final int BUFFER_SIZE = 1 << 20;

    private Sha256() {}

    /** The digest of what a running sha256 has seen so far, leaving it running. */
    public static Digest snapshot(MessageDigest running) {
        try {
            return Digest.ofSha256Bytes(((MessageDigest) running.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
        }
    }

    /** A new sha256 {@link MessageDigest} (the JDK's, which uses the CPU's SHA extensions where present). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
