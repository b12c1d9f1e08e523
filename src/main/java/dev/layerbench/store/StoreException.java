package dev.layerbench.store;

import java.io.IOException;

/** The store, or content read from it, is not as the OCI layout says it must be. The message is one line. */
public class StoreException extends IOException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
