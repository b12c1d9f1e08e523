package dev.layerbench.sizing;

import java.util.Locale;

/**
 * What each container does to its root filesystem after it starts. Spec: comma-separated {@code key=value}, any of
 * <ul>
 * <li>{@code modify=NxSIZE}: N existing regular files each get SIZE bytes written from offset 0 (the file grows to
 *     SIZE if smaller); under overlayfs the whole file is copied up first;</li>
 * <li>{@code add=NxSIZE}: N new files of SIZE bytes in a new directory {@value #ADDED_DIR} (missing parents made);</li>
 * <li>{@code delete=N}: N existing regular files are deleted (a whiteout under overlayfs).</li>
 * </ul>
 * SIZE is a number with an optional unit B, KiB, MiB, GiB (or k, M, G, also powers of 1024). {@code none} or an
 * empty spec is the idle container. Files are picked by {@link WorkloadPlan}. Example:
 * {@code modify=10x64KiB,add=5x1MiB,delete=3}.
 */
public record Workload(int modifyFiles, long modifyBytes, int addFiles, long addBytes, int deleteFiles) {

    /** The directory, at the root of the container, that added files go into. */
    public static final String ADDED_DIR = "var/lib/layerbench-workload";

    public static final Workload NONE = new Workload(0, 0, 0, 0, 0);

    public Workload {
        if (modifyFiles < 0 || modifyBytes < 0 || addFiles < 0 || addBytes < 0 || deleteFiles < 0) {
            throw new IllegalArgumentException("workload counts and sizes must not be negative");
        }
    }

    /** Bytes each container writes (modified plus added). */
    public long bytesWritten() {
        return modifyFiles * modifyBytes + addFiles * addBytes;
    }

    public static Workload parse(String spec) throws SizingException {
        if (spec == null || spec.isBlank() || spec.trim().equals("none")) {
            return NONE;
        }
        int mf = 0;
        long mb = 0;
        int af = 0;
        long ab = 0;
        int df = 0;
        for (String part : spec.split(",", -1)) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw bad(spec, "\"" + p + "\" is not key=value (keys: modify, add, delete)");
            }
            String key = p.substring(0, eq).trim();
            String value = p.substring(eq + 1).trim();
            switch (key) {
                case "modify" -> {
                    mf = count(spec, key, before(value, spec, key));
                    mb = size(spec, key, after(value));
                }
                case "add" -> {
                    af = count(spec, key, before(value, spec, key));
                    ab = size(spec, key, after(value));
                }
                case "delete" -> df = count(spec, key, value);
                default -> throw bad(spec, "unknown key \"" + key + "\" (keys: modify, add, delete)");
            }
        }
        return new Workload(mf, mb, af, ab, df);
    }

    /** The spec that parses back to this workload. */
    public String format() {
        if (equals(NONE)) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        if (modifyFiles > 0) {
            b.append("modify=")
                    .append(modifyFiles)
                    .append('x')
                    .append(formatSize(modifyBytes))
                    .append(',');
        }
        if (addFiles > 0) {
            b.append("add=")
                    .append(addFiles)
                    .append('x')
                    .append(formatSize(addBytes))
                    .append(',');
        }
        if (deleteFiles > 0) {
            b.append("delete=").append(deleteFiles).append(',');
        }
        return b.substring(0, b.length() - 1);
    }

    /** {@code 65536} as {@code 64KiB}: the largest binary unit that divides it. */
    public static String formatSize(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        int[] shifts = {30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes >= unit && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return bytes + "B";
    }

    private static String before(String value, String spec, String key) throws SizingException {
        int x = value.toLowerCase(Locale.ROOT).indexOf('x');
        if (x <= 0) {
            throw bad(spec, key + "=" + value + ": expected COUNTxSIZE, e.g. " + key + "=10x64KiB");
        }
        return value.substring(0, x);
    }

    private static String after(String value) {
        return value.substring(value.toLowerCase(Locale.ROOT).indexOf('x') + 1);
    }

    private static int count(String spec, String key, String text) throws SizingException {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(spec, key + ": count \"" + text + "\" is not a whole number >= 0");
        }
    }

    /** Parses {@code 64KiB}, {@code 1M}, {@code 4096}, {@code 10B}. */
    public static long parseSize(String text) {
        String t = text.trim();
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new NumberFormatException("size \"" + text + "\" does not start with a number");
        }
        long n = Long.parseLong(t.substring(0, i));
        long unit = switch (t.substring(i).trim().toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "k", "kib", "kb" -> 1L << 10;
            case "m", "mib", "mb" -> 1L << 20;
            case "g", "gib", "gb" -> 1L << 30;
            default -> throw new NumberFormatException("size \"" + text + "\" has an unknown unit (B, KiB, MiB, GiB)");
        };
        return Math.multiplyExact(n, unit);
    }

    private static long size(String spec, String key, String text) throws SizingException {
        try {
            return parseSize(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw bad(spec, key + ": " + (e.getMessage() != null ? e.getMessage() : "size too large"));
        }
    }

    private static SizingException bad(String spec, String why) {
        return new SizingException("--workload " + spec + ": " + why);
    }
}
