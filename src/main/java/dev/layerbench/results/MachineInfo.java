package dev.layerbench.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.layerbench.fs.Invocation;
import dev.layerbench.fs.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine a run was made on, as far as it changes the figures: CPU model and cores, memory, OS and kernel, the
 * file system of the work directory (where the disk benchmarks write), the JDK, the project's git commit, when, and
 * the user (root applies owners and mounts; others cannot). The one machine description: JMH sidecars, {@code machine}
 * and the {@code peers} report all write this. Read from {@code /proc} and the JVM; a field that cannot be read is
 * {@code "unknown"}, never a failure ({@code user} is null in sidecars written before it was added).
 */
public record MachineInfo(
        String host,
        String cpuModel,
        int cores,
        long memoryBytes,
        String os,
        String kernel,
        String arch,
        String workDir,
        String filesystem,
        String jdk,
        String gitCommit,
        boolean gitDirty,
        String date,
        String user) {

    public static final String UNKNOWN = "unknown";

    /** Captures this machine now, with {@code workDir} as the directory benchmarks work in and the git checkout. */
    public static MachineInfo capture(Path workDir) {
        Path dir = workDir.toAbsolutePath().normalize();
        String commit = command(dir, "git", "rev-parse", "HEAD").orElse(UNKNOWN);
        boolean dirty = command(dir, "git", "status", "--porcelain", "--untracked-files=no")
                .map(s -> !s.isBlank())
                .orElse(false);
        return new MachineInfo(
                readHost(),
                readCpuModel(),
                Runtime.getRuntime().availableProcessors(),
                readMemory(),
                readOs(),
                System.getProperty("os.name") + " "
                        + firstLine(Path.of("/proc/sys/kernel/osrelease")).orElse(System.getProperty("os.version")),
                System.getProperty("os.arch"),
                dir.toString(),
                readFilesystem(dir),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vm.name") + ")",
                commit,
                dirty,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                System.getProperty("user.name", UNKNOWN));
    }

    /**
     * The class of machine a baseline is valid for: the CPU model and core count as a file-name slug, e.g.
     * {@code amd-epyc-2c}. Runs on one class compare; across classes, only normalized figures mean anything.
     */
    @JsonProperty("machineClass")
    public String machineClass() {
        return slug(cpuModel.equals(UNKNOWN) ? arch : cpuModel) + "-" + cores + "c";
    }

    static String slug(String s) {
        String t = s.toLowerCase(Locale.ROOT)
                .replaceAll("\\((r|tm)\\)", " ")
                .replaceAll("@.*$", " ")
                .replaceAll("\\b(cpu|processor|with radeon graphics)\\b", " ")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        return t.isEmpty() ? UNKNOWN : t;
    }

    private static String readHost() {
        return firstLine(Path.of("/proc/sys/kernel/hostname"))
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")))
                .orElse(UNKNOWN);
    }

    private static String readCpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name") || line.startsWith("Model") || line.startsWith("Hardware")) {
                int colon = line.indexOf(':');
                String v = colon < 0 ? "" : line.substring(colon + 1).trim().replaceAll("\\s+", " ");
                if (!v.isEmpty()) {
                    return v;
                }
            }
        }
        return UNKNOWN;
    }

    private static long readMemory() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                String[] f = line.trim().split("\\s+");
                try {
                    return Long.parseLong(f[1]) * 1024;
                } catch (RuntimeException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static String readOs() {
        for (String line : lines(Path.of("/etc/os-release"))) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring("PRETTY_NAME=".length()).replace("\"", "");
            }
        }
        return System.getProperty("os.name");
    }

    /** The type of the mount holding {@code dir}, with its device and mount point, from /proc/self/mounts. */
    static String readFilesystem(Path dir) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            real = dir;
        }
        String best = null;
        int bestLength = -1;
        for (String line : lines(Path.of("/proc/self/mounts"))) {
            String[] f = line.split(" ");
            if (f.length < 3) {
                continue;
            }
            String mountPoint = unescape(f[1]);
            if (real.startsWith(Path.of(mountPoint)) && mountPoint.length() > bestLength) {
                bestLength = mountPoint.length();
                best = f[2] + " (" + unescape(f[0]) + " on " + mountPoint + ")";
            }
        }
        return best == null ? UNKNOWN : best;
    }

    /** /proc/mounts writes space, tab, newline and backslash as octal escapes. */
    private static String unescape(String s) {
        return s.replace("\\040", " ")
                .replace("\\011", "\t")
                .replace("\\012", "\n")
                .replace("\\134", "\\");
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static Optional<String> firstLine(Path p) {
        return lines(p).stream().findFirst().map(String::trim).filter(s -> !s.isEmpty());
    }

    /** A command's trimmed standard output, or empty when it cannot run, fails or takes over 10 s. */
    private static Optional<String> command(Path dir, String... cmd) {
        try {
            return Optional.of(Programs.run(Invocation.of(cmd).in(dir).withTimeout(Duration.ofSeconds(10)))
                    .trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
