package dev.layerbench.fs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to run one external program, for {@link Programs#run(Invocation)}: its command line, the directory it runs in,
 * its environment, where its output goes, how long it may take and what to say while it runs. Standard input is always
 * {@code /dev/null}, and {@code LC_ALL=C} is always set, so that messages come in one language. Made by {@link #of} and
 * the {@code with} methods.
 *
 * @param command        the program and its arguments
 * @param directory      where it runs; null for this process's directory
 * @param environment    variables set on top of the passed-on environment
 * @param inherit        whether this process's environment is passed on
 * @param output         where its standard output and errors go
 * @param file           the file of {@link Output#FILE} and {@link Output#APPEND_ALL}; null for the others
 * @param timeout        how long it may run before it is killed; null for no limit
 * @param heartbeatEvery how often {@code heartbeat} is called while it runs; null for never
 * @param heartbeat      told the time it has run so far, every {@code heartbeatEvery}; null for nothing
 */
public record Invocation(
        List<String> command,
        Path directory,
        Map<String, String> environment,
        Environment inherit,
        Output output,
        Path file,
        Duration timeout,
        Duration heartbeatEvery,
        Consumer<Duration> heartbeat) {

    /** Whether the program gets this process's environment. */
    public enum Environment {
        /** This process's variables, then the given ones. */
        INHERITED,
        /** Only the given variables (and {@code LC_ALL=C}). */
        ONLY_GIVEN
    }

    /** Where the program's standard output and errors go. */
    public enum Output {
        /** Output returned by {@link Programs#run(Invocation)}; errors kept apart, their last line in a failure. */
        CAPTURE,
        /** Output and errors together, returned; their last line in a failure. */
        CAPTURE_ALL,
        /** Output dropped; errors kept for a failure. */
        DISCARD,
        /** Output written to {@link #file()} (replacing it); errors kept for a failure. */
        FILE,
        /** Output and errors appended to {@link #file()} (a log); its last line in a failure. */
        APPEND_ALL
    }

    public Invocation {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("an invocation needs a program");
        }
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        if (inherit == null || output == null) {
            throw new IllegalArgumentException("an invocation needs an environment choice and an output");
        }
        if ((output == Output.FILE || output == Output.APPEND_ALL) != (file != null)) {
            throw new IllegalArgumentException(
                    "a file goes with output FILE or APPEND_ALL, and only with them: " + output);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if ((heartbeatEvery == null) != (heartbeat == null)
                || heartbeatEvery != null && (heartbeatEvery.isNegative() || heartbeatEvery.isZero())) {
            throw new IllegalArgumentException("a heartbeat needs a positive interval and a receiver");
        }
    }

    /** {@code command} in this directory and environment, output captured, no time limit. */
    public static Invocation of(List<String> command) {
        return new Invocation(command, null, Map.of(), Environment.INHERITED, Output.CAPTURE, null, null, null, null);
    }

    /** {@code command} in this directory and environment, output captured, no time limit. */
    public static Invocation of(String... command) {
        return of(List.of(command));
    }

    /** Runs in {@code dir}; null for this process's directory. */
    public Invocation in(Path dir) {
        return new Invocation(command, dir, environment, inherit, output, file, timeout, heartbeatEvery, heartbeat);
    }

    /** With {@code name=value} set. */
    public Invocation withVariable(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(name, value);
        return new Invocation(command, directory, env, inherit, output, file, timeout, heartbeatEvery, heartbeat);
    }

    /** With only {@code env} (and {@code LC_ALL=C}), nothing of this process's environment. */
    public Invocation withOnlyVariables(Map<String, String> env) {
        return new Invocation(
                command, directory, env, Environment.ONLY_GIVEN, output, file, timeout, heartbeatEvery, heartbeat);
    }

    /** With output going to {@code to} ({@link Output#FILE} and {@link Output#APPEND_ALL} take {@link #to(Output, Path)}). */
    public Invocation to(Output to) {
        return to(to, null);
    }

    /** With output going to {@code to}, {@code file} for {@link Output#FILE} and {@link Output#APPEND_ALL}. */
    public Invocation to(Output to, Path file) {
        return new Invocation(command, directory, environment, inherit, to, file, timeout, heartbeatEvery, heartbeat);
    }

    /** Killed after {@code limit}. */
    public Invocation withTimeout(Duration limit) {
        return new Invocation(command, directory, environment, inherit, output, file, limit, heartbeatEvery, heartbeat);
    }

    /** {@code receiver} told the time so far every {@code every} while it runs. */
    public Invocation withHeartbeat(Duration every, Consumer<Duration> receiver) {
        return new Invocation(command, directory, environment, inherit, output, file, timeout, every, receiver);
    }

    /** The command line as a message shows it: arguments over 120 characters shortened. */
    public String shown() {
        return String.join(
                " ",
                command.stream()
                        .map(a -> a.length() > 120 ? a.substring(0, 117) + "..." : a)
                        .toList());
    }
}
