package dev.layerbench.layout;

import dev.layerbench.input.BadInputException;

/** A layout could not be made, used or removed: the message is one line saying what, where and why. */
public final class LayoutException extends BadInputException {

    public LayoutException(String message) {
        super(message);
    }

    public LayoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
