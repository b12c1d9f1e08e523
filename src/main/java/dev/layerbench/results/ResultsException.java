package dev.layerbench.results;

import dev.layerbench.input.BadInputException;

/** A results file, or a pair of them, cannot be used as asked (not JMH JSON, nothing in common...). One line. */
public class ResultsException extends BadInputException {

    public ResultsException(String message) {
        super(message);
    }

    public ResultsException(String message, Throwable cause) {
        super(message, cause);
    }
}
