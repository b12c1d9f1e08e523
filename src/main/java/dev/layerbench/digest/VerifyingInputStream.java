package dev.layerbench.digest;

import java.io.InputStream;

/**
 * Decorates a stream and, when it reaches its end, checks the bytes read against an expected digest (and size, when
 * known): a mismatch throws {@link DigestMismatchException} from the read that hit the end, so a consumer can never
 * take a corrupt stream for a complete one.
 */
public final class VerifyingInputStream extends DigestingInputStream {

    /** Passed as expected size when it is not known. */
    public static final long UNKNOWN_SIZE = -1;

    private final Digest expected;
    private final long expectedSize;
    private final String what;
    private boolean verified;

    /**
     * @param what names the content in the error, e.g. a file or blob path
     */
    public VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String what) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.what = what;
    }

    @Override
    protected void onEnd() throws DigestMismatchException {
        if (verified) {
            return;
        }
        if (expectedSize >= 0 && count() != expectedSize) {
            throw new DigestMismatchException(what, expected, digest(), expectedSize, count());
        }
        Digest actual = digest();
        if (!actual.equals(expected)) {
            throw new DigestMismatchException(what, expected, actual, expectedSize, count());
        }
        verified = true;
    }

    /** Whether the end was reached and the content matched. */
    public boolean verified() {
        return verified;
    }
}
