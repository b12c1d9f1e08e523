package dev.layerbench.results;

import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;

/** Orders parameter maps so that numeric values sort as numbers ({@code size=4096} before {@code size=1048576}). */
final class ParamOrder {

    private ParamOrder() {}

    static int compare(SortedMap<String, String> a, SortedMap<String, String> b) {
        Iterator<Map.Entry<String, String>> i = a.entrySet().iterator();
        Iterator<Map.Entry<String, String>> j = b.entrySet().iterator();
        while (i.hasNext() && j.hasNext()) {
            Map.Entry<String, String> x = i.next();
            Map.Entry<String, String> y = j.next();
            int c = x.getKey().compareTo(y.getKey());
            if (c != 0) {
                return c;
            }
            c = value(x.getValue(), y.getValue());
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(i.hasNext(), j.hasNext());
    }

    static int value(String x, String y) {
        Double a = number(x);
        Double b = number(y);
        if (a != null && b != null) {
            int c = Double.compare(a, b);
            return c != 0 ? c : x.compareTo(y);
        }
        return x.compareTo(y);
    }

    /** The value as a number, or null when it is not one. */
    static Double number(String s) {
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
