package dev.layerbench.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tool's command line read without picocli, for the plain case only: {@code --name VALUE}, {@code --name=VALUE},
 * flags and positionals, all names known. Anything else (help, version, an unknown or repeated option, a missing
 * value, a value that does not convert, {@code --}) throws {@link Fallback} and the caller hands the line to picocli,
 * which parses it or says what is wrong exactly as before. Picocli's first use costs about 0.1 to 0.2 s (its classes
 * are Java 5 class files: verified by type inference and never stored in an AOT cache); this costs nothing.
 * Lambdas and streams are avoided here for the same reason: the first one spins classes.
 */
final class QuickLine {

    /** Not a plain line: picocli reads it instead. Carries no stack trace. */
    static final class Fallback extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Fallback() {
            super(null, null, false, false);
        }
    }

    private final Map<String, List<String>> values = new HashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private QuickLine() {}

    /**
     * Reads {@code args} (without the tool's name). {@code valued} options take a value, {@code repeatable} ones
     * (a subset) may come more than once, {@code flags} take none; at most {@code maxPositionals} other arguments.
     */
    static QuickLine read(
            List<String> args, Set<String> valued, Set<String> repeatable, Set<String> flags, int maxPositionals) {
        QuickLine line = new QuickLine();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("@")) {
                throw new Fallback(); // picocli reads @FILE as more arguments
            }
            if (!a.startsWith("-")) {
                line.positionals.add(a);
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(0, eq) : a;
            String value;
            if (flags.contains(name) && eq < 0) {
                value = "true";
            } else if (!valued.contains(name)) {
                throw new Fallback();
            } else if (eq > 0) {
                value = a.substring(eq + 1);
            } else if (i + 1 < args.size()
                    && !args.get(i + 1).startsWith("-")
                    && !args.get(i + 1).startsWith("@")) {
                value = args.get(++i);
            } else {
                throw new Fallback();
            }
            List<String> list = line.values.get(name);
            if (list == null) {
                list = new ArrayList<>();
                line.values.put(name, list);
            } else if (!repeatable.contains(name)) {
                throw new Fallback();
            }
            list.add(value);
        }
        if (line.positionals.size() > maxPositionals) {
            throw new Fallback();
        }
        return line;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of a single option, or null when absent. */
    String value(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(0);
    }

    /** Every value of a repeatable option, in order; empty when absent. */
    List<String> values(String name) {
        List<String> v = values.get(name);
        return v == null ? new ArrayList<>() : new ArrayList<>(v);
    }

    /** The value as a path (as picocli converts it), or null when absent. */
    Path path(String name) {
        String v = value(name);
        try {
            return v == null ? null : Path.of(v);
        } catch (InvalidPathException e) {
            throw new Fallback();
        }
    }

    /** The value as a non-negative decimal int, or null when absent. */
    Integer integer(String name) {
        String v = value(name);
        if (v == null) {
            return null;
        }
        if (v.isEmpty() || v.length() > 9) {
            throw new Fallback();
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                throw new Fallback();
            }
        }
        return Integer.parseInt(v);
    }

    /** The value as a constant of {@code type} (exact name, as picocli matches it), or {@code otherwise} when absent. */
    <E extends Enum<E>> E constant(String name, Class<E> type, E otherwise) {
        String v = value(name);
        if (v == null) {
            return otherwise;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        throw new Fallback();
    }

    boolean flag(String name) {
        return has(name);
    }

    List<String> positionals() {
        return positionals;
    }

    /** Throws {@link Fallback} unless {@code ok}: a required option missing, options that exclude each other. */
    static void require(boolean ok) {
        if (!ok) {
            throw new Fallback();
        }
    }
}
