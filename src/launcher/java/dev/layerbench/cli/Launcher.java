package dev.layerbench.cli;

import java.lang.reflect.InvocationTargetException;

/**
 * Main-Class of {@code target/benchmarks.jar}, compiled for Java 8 (its own compiler run in the pom, source root
 * {@code src/launcher/java}) so that any Java since 8 can load it. It checks the running Java before any class
 * compiled for 25 is loaded: on an older one it prints one line (found, needed, how to get it) and exits 1, instead
 * of an UnsupportedClassVersionError; otherwise it hands the arguments to {@link Main} (named by string: this class
 * cannot be compiled against it). Java 8 language only here.
 */
public final class Launcher {

    /** The Java feature release the rest of the jar is compiled for. */
    static final int NEEDED = 25;

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        int found = feature(System.getProperty("java.specification.version", "0"));
        if (found < NEEDED) {
            System.err.println("layerbench: needs Java " + NEEDED + " or newer, found Java "
                    + System.getProperty("java.version", "?") + " (" + System.getProperty("java.home", "?")
                    + "): run it as '.ci/jdk25 java -jar target/benchmarks.jar ...' (it finds a JDK 25 in /usr/lib/jvm),"
                    + " or set JAVA_HOME to a JDK 25 (e.g. apt-get install openjdk-25-jdk) and run $JAVA_HOME/bin/java");
            System.exit(1);
        }
        try {
            Class.forName("dev.layerbench.cli.Main").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() != null ? e.getCause() : e;
        }
    }

    /** The feature release in a {@code java.specification.version}: {@code 1.8} is 8, {@code 17} is 17. */
    static int feature(String spec) {
        String s = spec.startsWith("1.") ? spec.substring(2) : spec;
        int end = 0;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(s.substring(0, end));
    }
}
