package dev.layerbench.peers;

import dev.layerbench.input.BadInputException;

/** A peers run that cannot go on: one line saying what, where and why. */
public final class PeersException extends BadInputException {

    public PeersException(String message) {
        super(message);
    }
}
