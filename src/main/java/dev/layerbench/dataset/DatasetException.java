package dev.layerbench.dataset;

import dev.layerbench.input.BadInputException;

/** A dataset could not be built or does not match its manifest; the message is one line naming what and why. */
public final class DatasetException extends BadInputException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
