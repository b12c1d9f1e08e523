package dev.layerbench.layout;

import dev.layerbench.fs.Stat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a container does to its root filesystem once it runs: overwrite the start of {@code modify} existing regular
 * files with {@code modifyBytes} bytes each, and add {@code add} new files of {@code addBytes} bytes under
 * {@value #ADDED_DIR}. The files modified are spread over the image's file sizes: the regular files sorted by size
 * (then path), taken at evenly spaced ranks, so small and large files are both copied up.
 */
public record WriteWorkload(int modify, int modifyBytes, int add, int addBytes) {

    /** Where added files go, relative to the container's root. */
    public static final String ADDED_DIR = "var/lib/layerbench-workload";

    public WriteWorkload {
        if (modify < 0 || modifyBytes < 1 || add < 0 || addBytes < 0) {
            throw new IllegalArgumentException(
                    "write workload needs modify, add >= 0, modifyBytes >= 1, addBytes >= 0");
        }
    }

    /** Ten files modified with 4 KiB each, ten 16 KiB files added. */
    public static WriteWorkload defaults() {
        return new WriteWorkload(10, 4096, 10, 16384);
    }

    /** What the workload did to one or more containers. */
    public record Result(int containers, long copiedUpBytes, long nanos) {
        public Result plus(Result o) {
            return new Result(containers + o.containers, copiedUpBytes + o.copiedUpBytes, nanos + o.nanos);
        }
    }

    /** The paths this workload modifies in containers that look like {@code sample}. */
    public List<String> choose(Instance sample) throws IOException {
        record F(String path, long size) {}
        List<F> files = new ArrayList<>();
        List<String> dirs = new ArrayList<>(List.of(""));
        while (!dirs.isEmpty()) {
            String d = dirs.removeLast();
            for (String n : sample.list(d)) {
                String p = d.isEmpty() ? n : d + "/" + n;
                Optional<Path> real = sample.resolve(p);
                if (real.isEmpty()) {
                    continue;
                }
                Stat s = Stat.of(real.get());
                if (s.isDirectory()) {
                    dirs.add(p);
                } else if (s.isRegularFile()) {
                    files.add(new F(p, s.size()));
                }
            }
        }
        files.sort(Comparator.comparingLong(F::size).thenComparing(F::path));
        List<String> chosen = new ArrayList<>();
        int k = Math.min(modify, files.size());
        for (int i = 0; i < k; i++) {
            chosen.add(files.get((int) ((long) i * files.size() / k)).path());
        }
        return chosen;
    }

    /** Applies the workload to one container; {@code paths} from {@link #choose}. */
    public Result apply(Instance instance, List<String> paths) throws IOException {
        byte[] data = new byte[modifyBytes];
        Arrays.fill(data, (byte) 'w');
        byte[] added = new byte[addBytes];
        Arrays.fill(added, (byte) 'a');
        long start = System.nanoTime();
        long copied = 0;
        for (String p : paths) {
            copied += instance.modify(p, data);
        }
        for (int i = 0; i < add; i++) {
            instance.add(ADDED_DIR + "/file-" + i, added);
        }
        return new Result(1, copied, System.nanoTime() - start);
    }
}
