package dev.layerbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a tool in-process the way the jar does, capturing its exit code, stdout and stderr. */
final class ToolRun {

    private ToolRun() {}

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
