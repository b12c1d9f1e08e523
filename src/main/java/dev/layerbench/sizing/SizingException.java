package dev.layerbench.sizing;

import java.io.IOException;

/** Bad input to sizing (a layer, a summary file, a workload spec): one line saying what, where and why. */
public class SizingException extends IOException {

    public SizingException(String message) {
        super(message);
    }
}
