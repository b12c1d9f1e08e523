package dev.layerbench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The machine a run was taken on, as it is written beside the table. */
public record Machine(String host, String cpu, int cores, long memoryBytes, String kernel, String filesystem,
        String directory, String jdk, String user) {

    /** Describes this machine, with the filesystem that holds {@code dir} (where the work happens). */
    public static Machine describe(Path dir) throws IOException {
        String fs;
        try {
            fs = Files.getFileStore(dir).type();
        } catch (IOException e) {
            fs = "unknown (" + e.getMessage() + ")";
        }
        return new Machine(hostName(), cpuModel(), Runtime.getRuntime().availableProcessors(), memory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                fs, dir.toAbsolutePath().normalize().toString(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("user.name"));
    }

    /** The short host name (up to the first dot), made safe for a file name. */
    public String fileName() {
        String s = host.split("\\.")[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return s.isEmpty() ? "machine" : s;
    }

    static String hostName() {
        for (Path p : List.of(Path.of("/proc/sys/kernel/hostname"), Path.of("/etc/hostname"))) {
            try {
                String h = Files.readString(p).strip();
                if (!h.isEmpty()) {
                    return h.split("\\.")[0];
                }
            } catch (IOException e) {
                // next
            }
        }
        String env = System.getenv("HOSTNAME");
        return env != null && !env.isBlank() ? env : "machine";
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return System.getProperty("os.arch");
    }

    static long memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return Runtime.getRuntime().maxMemory();
    }
}
