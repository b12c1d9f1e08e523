package dev.layerbench.digest;

import dev.layerbench.input.BadInputException;

/** Content did not hash to (or was not as long as) what its name or descriptor promised. */
public final class DigestMismatchException extends BadInputException {

    private final Digest expected;
    private final Digest actual;

    public DigestMismatchException(String what, Digest expected, Digest actual, long expectedSize, long actualSize) {
        super(what + ": digest mismatch: expected " + expected
                + (expectedSize >= 0 ? " (" + expectedSize + " bytes)" : "") + ", got " + actual + " (" + actualSize
                + " bytes)");
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
