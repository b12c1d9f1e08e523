package dev.layerbench.peers;

import dev.layerbench.fs.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The peer tools on this machine: found on the PATH, or installed from Debian's packages when running as root and
 * allowed to; otherwise the reason a row cannot run.
 */
public final class PeerTools {

    /** The Debian package of each peer tool. */
    static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("tar", "tar"),
            Map.entry("gzip", "gzip"),
            Map.entry("pigz", "pigz"),
            Map.entry("zstd", "zstd"),
            Map.entry("umoci", "umoci"),
            Map.entry("openssl", "openssl"),
            Map.entry("sha256sum", "coreutils"),
            Map.entry("cp", "coreutils"),
            Map.entry("mkfs.xfs", "xfsprogs"),
            Map.entry("mkfs.btrfs", "btrfs-progs"),
            Map.entry("gcc", "gcc"),
            Map.entry("mount", "mount"),
            Map.entry("losetup", "mount"));

    private final Predicate<String> onPath;
    private final boolean install;
    private final Map<String, Optional<String>> known = new HashMap<>();

    /**
     * @param onPath  whether a tool is on the PATH
     * @param install whether a missing tool may be installed with apt-get (root only)
     */
    public PeerTools(Predicate<String> onPath, boolean install) {
        this.onPath = onPath;
        this.install = install;
    }

    /** The tools on this process's PATH, installing missing ones when root. */
    public static PeerTools system() {
        return new PeerTools(PeerTools::onPath, Posix.isRoot());
    }

    /** Empty when {@code tool} can run; else why not, in a few words (for the row's note). */
    public synchronized Optional<String> missing(String tool) {
        return known.computeIfAbsent(tool, this::check);
    }

    private Optional<String> check(String tool) {
        if (onPath.test(tool)) {
            return Optional.empty();
        }
        String pkg = PACKAGES.getOrDefault(tool, tool);
        if (!install) {
            return Optional.of(tool + " missing: install Debian package " + pkg + " (apt-get install " + pkg + ")");
        }
        try {
            Processes.run(null, List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends", pkg));
        } catch (IOException e) {
            return Optional.of(tool + " missing and apt-get install " + pkg + " failed: " + e.getMessage());
        }
        return onPath.test(tool) ? Optional.empty() : Optional.of(tool + " missing after apt-get install " + pkg);
    }

    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin:/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
