package dev.layerbench.peers;

import java.io.IOException;

/** A peers run that cannot go on: one line saying what, where and why. */
public final class PeersException extends IOException {

    public PeersException(String message) {
        super(message);
    }
}
