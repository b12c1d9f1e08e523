package dev.layerbench.fs;

import java.io.IOException;

/**
 * An external program run by {@link Programs#run(Invocation)} did not succeed: it could not start, ran past its time,
 * was interrupted, or exited non-zero. The message is one line naming the command; callers that speak for a room of
 * their own rephrase it from {@link #failure()}, {@link #exitCode()} and {@link #lastLine()}.
 */
public final class ProgramException extends IOException {

    /** How the program failed. */
    public enum Failure {
        /** It could not be started (not found, not executable). */
        CANNOT_START,
        /** It ran past its time limit and was killed. */
        TIMED_OUT,
        /** This thread was interrupted while waiting; the program was killed. */
        INTERRUPTED,
        /** It exited with a non-zero status. */
        EXITED
    }

    private final transient Invocation invocation;
    private final Failure failure;
    private final int exitCode;
    private final String lastLine;

    ProgramException(Invocation invocation, Failure failure, int exitCode, String lastLine, Throwable cause) {
        super(message(invocation, failure, exitCode, lastLine, cause), cause);
        this.invocation = invocation;
        this.failure = failure;
        this.exitCode = exitCode;
        this.lastLine = lastLine;
    }

    private static String message(Invocation inv, Failure failure, int exitCode, String lastLine, Throwable cause) {
        return inv.shown() + ": "
                + switch (failure) {
                    case CANNOT_START -> "cannot run: " + (cause == null ? "" : cause.getMessage());
                    case TIMED_OUT -> "timed out after " + inv.timeout().toSeconds() + " s";
                    case INTERRUPTED -> "interrupted";
                    case EXITED -> "exit " + exitCode + (lastLine.isEmpty() ? "" : ": " + lastLine);
                };
    }

    public Invocation invocation() {
        return invocation;
    }

    public Failure failure() {
        return failure;
    }

    /** The exit status for {@link Failure#EXITED}, else -1. */
    public int exitCode() {
        return exitCode;
    }

    /** The last non-blank line of its errors (or of its merged output or log), shortened; empty when there was none. */
    public String lastLine() {
        return lastLine;
    }
}
