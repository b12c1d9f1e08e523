package dev.layerbench.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of sed that {@code sql/spark.sed} is written in, applied in Java so the job needs no sed: {@code
 * s/ERE/REPLACEMENT/g} (POSIX extended regular expressions as Java reads them, {@code \1} a group) and {@code
 * /START/,/END/d} (delete a range of lines, both ends included); {@code #} comment lines and blank lines. Anything else
 * is refused, so the file cannot silently mean something else here than under {@code sed -E -f}.
 */
public final class SedScript {

    private sealed interface Command permits Substitute, DeleteRange {}

    private record Substitute(Pattern pattern, String replacement) implements Command {}

    private record DeleteRange(Pattern start, Pattern end) implements Command {}

    private static final Pattern SUBSTITUTE = Pattern.compile("s/((?:[^/\\\\]|\\\\.)*)/((?:[^/\\\\]|\\\\.)*)/g");
    private static final Pattern DELETE = Pattern.compile("/((?:[^/\\\\]|\\\\.)*)/,/((?:[^/\\\\]|\\\\.)*)/d");

    private final List<Command> commands;

    private SedScript(List<Command> commands) {
        this.commands = List.copyOf(commands);
    }

    /** Reads a script; {@code where} names it in errors. */
    public static SedScript parse(String script, String where) {
        List<Command> commands = new ArrayList<>();
        int n = 0;
        for (String line : script.split("\n", -1)) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            Matcher s = SUBSTITUTE.matcher(t);
            Matcher d = DELETE.matcher(t);
            if (s.matches()) {
                commands.add(new Substitute(Pattern.compile(s.group(1)), replacement(s.group(2))));
            } else if (d.matches()) {
                commands.add(new DeleteRange(Pattern.compile(d.group(1)), Pattern.compile(d.group(2))));
            } else {
                throw new IllegalArgumentException(
                        where + ":" + n + ": not a command this job reads (s/RE/TEXT/g or" + " /START/,/END/d): " + t);
            }
        }
        return new SedScript(commands);
    }

    /** sed's replacement ({@code \1} a group, {@code \\} a backslash, {@code &} the match) as Matcher's. */
    private static String replacement(String sed) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sed.length(); i++) {
            char c = sed.charAt(i);
            if (c == '\\' && i + 1 < sed.length()) {
                char next = sed.charAt(++i);
                if (Character.isDigit(next)) {
                    out.append('$').append(next);
                } else {
                    out.append(Matcher.quoteReplacement(String.valueOf(next)));
                }
            } else if (c == '&') {
                out.append("$0");
            } else {
                out.append(Matcher.quoteReplacement(String.valueOf(c)));
            }
        }
        return out.toString();
    }

    /** The text as {@code sed -E -f} would leave it: each command applied to each line in turn, in order. */
    public String apply(String text) {
        StringBuilder out = new StringBuilder();
        boolean[] inRange = new boolean[commands.size()];
        String[] lines = text.split("\n", -1);
        for (int li = 0; li < lines.length; li++) {
            String line = lines[li];
            boolean deleted = false;
            for (int i = 0; i < commands.size() && !deleted; i++) {
                switch (commands.get(i)) {
                    case Substitute s -> line = s.pattern().matcher(line).replaceAll(s.replacement());
                    case DeleteRange d -> {
                        if (inRange[i]) {
                            deleted = true;
                            if (d.end().matcher(line).find()) {
                                inRange[i] = false;
                            }
                        } else if (d.start().matcher(line).find()) {
                            deleted = true;
                            inRange[i] = true; // as GNU sed: the end is looked for from the next line on
                        }
                    }
                }
            }
            if (!deleted) {
                out.append(line);
                if (li < lines.length - 1) {
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }
}
