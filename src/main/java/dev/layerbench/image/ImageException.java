package dev.layerbench.image;

import dev.layerbench.store.StoreException;

/** An image could not be read: the message names the file and the problem, on one line. */
public final class ImageException extends StoreException {

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
