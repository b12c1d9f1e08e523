package dev.layerbench.input;

import java.io.IOException;

/**
 * What a tool was given (a file, an image, a store, a layer, a dataset, a results file, a command's options) is not as
 * it must be. The message is one line, what, where and why, and is what the tool prints: no stack trace. Each package
 * says its own room by a subclass ({@code StoreException}, {@code ImageException}, {@code SizingException}, ...);
 * code that passes such an error on unchanged catches this one.
 */
public class BadInputException extends IOException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
