package dev.layerbench.sizing;

import dev.layerbench.input.BadInputException;

/** Bad input to sizing (a layer, a summary file, a workload spec): one line saying what, where and why. */
public class SizingException extends BadInputException {

    public SizingException(String message) {
        super(message);
    }
}
