package dev.layerbench.image;

import dev.layerbench.input.BadInputException;

/** An image could not be read: the message names the file and the problem, on one line. */
public final class ImageException extends BadInputException {

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
