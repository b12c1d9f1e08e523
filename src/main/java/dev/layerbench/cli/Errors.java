package dev.layerbench.cli;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Turns failures into one line on stderr and an exit code: 2 for a bad command line, 1 for bad input. */
final class Errors {

    /** Exit code for bad input or a failed operation. */
    static final int FAILED = 1;
    /** Exit code for a command line that could not be parsed. */
    static final int USAGE = 2;

    private Errors() {}

    static int onParameterError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr()
                .println(toolName(cmd) + ": " + e.getMessage().replace('\n', ' ') + " (try '"
                        + cmd.getCommandSpec().qualifiedName() + " --help')");
        cmd.getErr().flush();
        return USAGE;
    }

    static int onExecutionError(Exception e, CommandLine cmd, ParseResult parsed) {
        return failed(toolName(cmd), e, cmd.getErr());
    }

    /** A tool that failed: one line on {@code err} naming it, the stack trace too with LAYERBENCH_DEBUG set. */
    static int failed(String tool, Exception e, PrintWriter err) {
        err.println(tool + ": " + oneLine(e));
        err.flush();
        if (System.getenv("LAYERBENCH_DEBUG") != null) {
            e.printStackTrace(err);
        }
        return FAILED;
    }

    /** The tool's name as typed: {@code digest}, or {@code dataset build} for a subcommand of a tool. */
    static String toolName(CommandLine cmd) {
        StringBuilder name = new StringBuilder(cmd.getCommandName());
        for (CommandLine p = cmd.getParent(); p != null && p.getParent() != null; p = p.getParent()) {
            name.insert(0, p.getCommandName() + " ");
        }
        return name.toString();
    }

    /** One line: what, where, why. */
    static String oneLine(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        String text;
        if (t instanceof NoSuchFileException n) {
            text = n.getFile() + ": " + (n.getReason() != null ? n.getReason() : "no such file or directory");
        } else if (t instanceof AccessDeniedException a) {
            text = a.getFile() + ": permission denied";
        } else if (t instanceof NotDirectoryException n) {
            text = n.getFile() + ": not a directory";
        } else if (t instanceof FileSystemException f) {
            text = f.getFile() + ": "
                    + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
        } else if (t instanceof FileNotFoundException
                || t instanceof java.io.IOException
                || t instanceof IllegalArgumentException) {
            text = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        } else {
            text = "internal error: " + t.getClass().getName() + (t.getMessage() != null ? ": " + t.getMessage() : "")
                    + " (set LAYERBENCH_DEBUG=1 for the stack trace)";
        }
        return text.replace('\n', ' ');
    }
}
