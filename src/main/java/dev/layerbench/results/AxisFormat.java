package dev.layerbench.results;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/** Tick labels a person reads at a glance: byte sizes in binary units (4 KiB, 64 MiB), other numbers compactly. */
final class AxisFormat extends NumberFormat {

    private final boolean bytes;

    AxisFormat(boolean bytes) {
        this.bytes = bytes;
    }

    @Override
    public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
        return to.append(bytes ? bytes(v) : compact(v));
    }

    @Override
    public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
        return format((double) v, to, pos);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        throw new UnsupportedOperationException("axis labels are not parsed");
    }

    static String bytes(double v) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v)) + " "
                + units[u];
    }

    static String compact(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.3g", v).replace("e+0", "e").replace("e+", "e");
        }
        if (a >= 1 || a == 0) {
            return String.format(Locale.ROOT, v == Math.rint(v) ? "%,.0f" : "%,.2f", v);
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }
}
