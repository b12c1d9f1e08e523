package dev.layerbench.unpack;

import dev.layerbench.input.BadInputException;

/** A layer could not be applied: the message names the layer, the entry where there is one, and the problem. */
public final class UnpackException extends BadInputException {

    public UnpackException(String message) {
        super(message);
    }

    public UnpackException(String message, Throwable cause) {
        super(message, cause);
    }
}
