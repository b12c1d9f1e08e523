package dev.layerbench.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A table of text cells, rendered as aligned plain text or as a markdown table. Numbers align right. */
public final class Table {

    private final List<String> header;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    /** Columns whose header starts with '>' align right (the '>' is not printed). */
    public Table(String... columns) {
        header = Arrays.stream(columns)
                .map(c -> c.startsWith(">") ? c.substring(1) : c)
                .toList();
        right = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            right[i] = columns[i].startsWith(">");
        }
    }

    public Table add(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(
                    "row has " + cells.length + " cells, table has " + header.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    public int size() {
        return rows.size();
    }

    public String text() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        for (List<String> r : rows) {
            line(sb, r, width);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            l.append(i == 0 ? "" : "  ").append(right[i] ? pad + c : c + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ")
                .append(String.join(" | ", header.stream().map(Table::escape).toList()))
                .append(" |\n|");
        for (boolean r : right) {
            sb.append(r ? " ---: |" : " --- |");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append("| ")
                    .append(String.join(" | ", r.stream().map(Table::escape).toList()))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }

    /** A score with about four significant digits, never in exponent form above 1. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return "?";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1 || a == 0) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** A fraction as a percentage with one decimal, {@code ?} when unknown. */
    public static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", 100 * fraction) : "?";
    }
}
