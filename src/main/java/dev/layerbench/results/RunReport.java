package dev.layerbench.results;

import dev.layerbench.fs.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The report of one run: {@code DIR/report.md} with the machine, a summary table of every result (score, error,
 * unit, secondary metrics) and the {@link Plots} it embeds, written beside it as PNG files.
 */
public final class RunReport {

    /** The plots the README expects, by benchmark class; any other class with a size-like parameter gets one too. */
    public static final List<String> EXPECTED =
            List.of("DigestBench", "UnpackBench", "UnionLookupBench", "LayoutBench");

    /** What was written. */
    public record Written(Path markdown, List<Plots.Plot> plots) {}

    private RunReport() {}

    public static Written write(ResultsFile run, Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ResultsException(dir + ": exists and is not a directory");
        }
        Files.createDirectories(dir);
        List<Plots.Plot> plots = Plots.draw(run, dir);
        StringBuilder md = new StringBuilder();
        md.append("# Results: ").append(run.path().getFileName()).append("\n\n");
        Sidecar.find(run.path())
                .ifPresentOrElse(
                        s -> machine(md, s),
                        () -> md.append("No machine sidecar (")
                                .append(Sidecar.pathFor(run.path()).getFileName())
                                .append(").\n\n"));
        md.append("## Summary\n\n");
        Table t = new Table("Benchmark", "Mode", "Params", ">Score", ">± (99.9%)", "Unit", "Secondary metrics");
        run.results().stream()
                .sorted((a, b) -> a.key().compareTo(b.key()))
                .forEach(r -> t.add(
                        r.key().shortName(),
                        r.key().mode(),
                        r.key().params().entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining(" ")),
                        Table.number(r.primary().score()),
                        Table.number(r.primary().error()),
                        r.primary().unit(),
                        r.secondary().entrySet().stream()
                                .map(e -> e.getKey() + " "
                                        + Table.number(e.getValue().score()) + " "
                                        + e.getValue().unit())
                                .collect(Collectors.joining("; "))));
        md.append(t.markdown()).append('\n');
        md.append("## Plots\n\n");
        for (Plots.Plot p : plots) {
            md.append(String.format(
                    Locale.ROOT,
                    "### %s: %s against %s [%s]%n%n![%s %s against %s](%s)%n%n",
                    p.className(),
                    p.metric(),
                    p.axis(),
                    p.mode(),
                    p.className(),
                    p.metric(),
                    p.axis(),
                    p.file().getFileName()));
        }
        Set<String> present =
                run.results().stream().map(r -> r.key().className()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> plotted = plots.stream().map(Plots.Plot::className).collect(Collectors.toSet());
        for (String e : EXPECTED) {
            if (!present.contains(e)) {
                md.append("- ").append(e).append(": not in this results file, no plot.\n");
            } else if (!plotted.contains(e)) {
                md.append("- ")
                        .append(e)
                        .append(": no parameter among ")
                        .append(Plots.AXES)
                        .append(" with two or more numeric values, no plot.\n");
            }
        }
        Path out = dir.resolve("report.md");
        AtomicFile.write(out, AtomicFile.Durability.FILE_SYNCED, md.toString().getBytes(StandardCharsets.UTF_8));
        return new Written(out, plots);
    }

    private static void machine(StringBuilder md, Sidecar s) {
        MachineInfo m = s.machine();
        Table t = new Table("Machine", "");
        for (Map.Entry<String, String> e : List.of(
                Map.entry("date", m.date()),
                Map.entry("class", m.machineClass()),
                Map.entry("CPU", m.cpuModel()),
                Map.entry("cores", String.valueOf(m.cores())),
                Map.entry(
                        "memory",
                        m.memoryBytes() < 0
                                ? MachineInfo.UNKNOWN
                                : String.format(Locale.ROOT, "%.1f GiB", m.memoryBytes() / (double) (1L << 30))),
                Map.entry("OS", m.os()),
                Map.entry("kernel", m.kernel()),
                Map.entry("file system", m.filesystem()),
                Map.entry("JDK", m.jdk()),
                Map.entry("commit", m.gitCommit() + (m.gitDirty() ? " (uncommitted changes)" : "")),
                Map.entry("profile", String.valueOf(s.profile())),
                Map.entry("JMH args", String.join(" ", s.jmhArgs())))) {
            t.add(e.getKey(), e.getValue());
        }
        md.append(t.markdown()).append('\n');
    }
}
