package dev.layerbench.cli;

import java.util.List;

/**
 * What {@code java -jar target/benchmarks.jar} runs with no arguments: every benchmark, one fork, short warm-up and
 * measurement, sized so that the whole default suite stays well under 20 minutes on 2 cores. Any JMH option given on
 * the command line replaces these defaults entirely.
 */
public final class SuiteDefaults {

    private SuiteDefaults() {
    }

    public static List<String> args() {
        return List.of("-f", "1", "-wi", "1", "-w", "1s", "-i", "3", "-r", "1s", "-foe", "true", "-e", "GateProbeBench");
    }
}
