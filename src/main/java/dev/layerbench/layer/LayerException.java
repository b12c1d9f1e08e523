package dev.layerbench.layer;

import dev.layerbench.input.BadInputException;

/** A layer blob that cannot be read as its tar: its compression is not what it declares, or its stream is corrupt. */
public final class LayerException extends BadInputException {

    public LayerException(String message) {
        super(message);
    }

    public LayerException(String message, Throwable cause) {
        super(message, cause);
    }
}
