package dev.layerbench.store;

import dev.layerbench.input.BadInputException;

/** The store, or content read from it, is not as the OCI layout says it must be. The message is one line. */
public class StoreException extends BadInputException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
