package dev.layerbench.results;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The comparison as a person reads it: what was compared, how it was normalized, the table, and a summary. */
public final class ComparisonReport {

    private ComparisonReport() {}

    public static String text(Comparison c, boolean markdown) {
        StringBuilder sb = new StringBuilder();
        sb.append("baseline:  ")
                .append(c.baseline().path())
                .append(describe(c.baseline()))
                .append('\n');
        sb.append("current:   ")
                .append(c.current().path())
                .append(describe(c.current()))
                .append('\n');
        sb.append("normalize: ")
                .append(c.calibration()
                        .map(f -> String.format(
                                Locale.ROOT,
                                "by %s, current machine %.3fx as fast as the baseline's (±%s, %d result%s)",
                                Calibration.CLASS_NAME,
                                f.speed(),
                                Table.percent(f.relativeError()),
                                f.results(),
                                f.results() == 1 ? "" : "s"))
                        .orElse("no (raw scores)"))
                .append('\n');
        sb.append("threshold: ")
                .append(Table.percent(c.options().threshold()))
                .append(" more time per operation is a regression\n");
        notes(c).forEach(n -> sb.append("note:      ").append(n).append('\n'));
        sb.append('\n');
        Table t =
                new Table("BENCHMARK", "MODE", ">BASELINE", ">CURRENT", "UNIT", ">RATIO", ">±", ">SPEEDUP", "VERDICT");
        for (Comparison.Row r : c.rows()) {
            t.add(
                    name(r),
                    r.key().mode().equals("sample") ? "sample p50" : r.key().mode(),
                    Table.number(r.baseline().score()),
                    Table.number(r.current().score()),
                    r.baseline().unit(),
                    String.format(Locale.ROOT, "%.3f", r.ratio()),
                    Table.percent(r.ratioError()),
                    String.format(Locale.ROOT, "%.3fx", r.speedup()),
                    r.verdict().label());
        }
        sb.append(markdown ? t.markdown() : t.text());
        list(sb, "only in baseline (not compared)", c.onlyInBaseline());
        list(sb, "only in current (not compared)", c.onlyInCurrent());
        list(sb, "units of different kinds (not compared)", c.incomparable());
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        c.rows().forEach(r -> counts.merge(r.verdict(), 1L, Long::sum));
        sb.append('\n')
                .append(c.rows().size())
                .append(" compared: ")
                .append(counts.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey().label())
                        .collect(Collectors.joining(", ")))
                .append('\n');
        if (c.hasRegression()) {
            sb.append("REGRESSION: ")
                    .append(c.regressions().stream()
                            .map(r -> name(r) + String.format(Locale.ROOT, " %.2fx slower", 1 / r.speedup()))
                            .collect(Collectors.joining("; ")))
                    .append('\n');
        }
        return sb.toString();
    }

    /** The benchmark name and its parameters, without the mode (a column of its own). */
    static String name(Comparison.Row r) {
        String p = r.key().params().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        return r.key().shortName() + (p.isEmpty() ? "" : " " + p);
    }

    /** What makes the two runs less comparable than they look: another class of machine, other JMH settings. */
    static List<String> notes(Comparison c) {
        java.util.Optional<Sidecar> b = Sidecar.find(c.baseline().path());
        java.util.Optional<Sidecar> k = Sidecar.find(c.current().path());
        List<String> notes = new java.util.ArrayList<>();
        if (b.isPresent() && k.isPresent()) {
            String bc = b.get().machine().machineClass();
            String kc = k.get().machine().machineClass();
            if (!bc.equals(kc)) {
                notes.add("the runs are from different classes of machine (" + bc + ", " + kc
                        + "): only normalized figures compare"
                        + (c.calibration().isEmpty() ? ", and these are not normalized" : ""));
            }
            if (!b.get().jmhArgs().equals(k.get().jmhArgs())) {
                notes.add("the runs used different JMH arguments ("
                        + String.join(" ", b.get().jmhArgs()) + " | "
                        + String.join(" ", k.get().jmhArgs()) + ")");
            }
        }
        return notes;
    }

    private static String describe(ResultsFile f) {
        return Sidecar.find(f.path()).map(s -> " (" + s.summary() + ")").orElse("");
    }

    private static void list(StringBuilder sb, String title, List<BenchmarkKey> keys) {
        if (!keys.isEmpty()) {
            sb.append('\n').append(title).append(":\n");
            keys.forEach(k -> sb.append("  ").append(k.label()).append('\n'));
        }
    }
}
