package dev.layerbench.layout;

import dev.layerbench.fs.Invocation;
import dev.layerbench.fs.Mount;
import dev.layerbench.fs.PageCache;
import dev.layerbench.fs.Posix;
import dev.layerbench.fs.ProgramException;
import dev.layerbench.fs.Programs;
import dev.layerbench.fs.Trees;
import dev.layerbench.image.Image;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Cold start of a real program: {@code /bin/sh -c CMD} in each container, one after the other, chrooted into the
 * container's root in a mount and PID namespace of its own ({@code unshare --mount --pid --fork --mount-proc=ROOT/proc
 * chroot ROOT /bin/sh -c CMD}, root only). The page cache is dropped before the first container; the others run warm.
 * A {@code shared} container has no root a process can enter: CMD runs once under {@code strace -f -y} in a kernel
 * overlay mount of the same layers, and each container then replays the reads of the files it opened (whole files)
 * through the union view.
 */
public final class CommandRun {

    /** The directories searched for CMD's program, as a Debian shell's default PATH. */
    public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static final long TIMEOUT_SECONDS = 600;

    /**
     * @param n              containers
     * @param pageCacheBytes the layout's own files in the page cache after every container ran
     * @param coldNanos      the first container's run, caches cold
     * @param warm           the others' runs
     * @param replayed       for {@code shared}: the files replayed (what CMD opened in the traced kernel run)
     */
    public record Result(int n, long pageCacheBytes, long coldNanos, Percentiles warm, Optional<Integer> replayed) {

        public double warmNanos() {
            return warm.count() == 0 ? Double.NaN : warm.mean();
        }

        public double pageCacheBytesPerContainer() {
            return (double) pageCacheBytes / n;
        }
    }

    private CommandRun() {}

    /** Why commands cannot run in containers here, or empty when they can. */
    public static Optional<String> unavailable() {
        if (!Posix.isRoot()) {
            return Optional.of(
                    "--run needs root (a chroot in a mount namespace per container, and dropping the page cache)");
        }
        for (String tool : List.of("unshare", "chroot", "strace")) {
            if (!Programs.onPath(tool)) {
                return Optional.of("--run needs " + tool + " (apt-get install util-linux coreutils strace)");
            }
        }
        return PageCache.cannotDrop();
    }

    /** Runs {@code command} in each container of {@code made} (container {@code i} of image {@code imageOf(i)}). */
    public static Result run(Layout layout, List<Instance> made, IntFunction<Image> imageOf, String command)
            throws IOException {
        checkAvailable();
        for (int i = 0; i < made.size(); i++) {
            check(made.get(i), imageOf.apply(i), command);
        }
        boolean replay = layout.kind() == LayoutKind.SHARED;
        Map<Image, List<String>> traced = new HashMap<>();
        List<Start> starts = new ArrayList<>();
        for (int i = 0; i < made.size(); i++) {
            Image image = imageOf.apply(i);
            if (replay && !traced.containsKey(image)) {
                traced.put(image, trace((SharedLayout) layout, image, command, made.get(i)));
            }
            starts.add(new Start(made.get(i), image, command, Optional.ofNullable(traced.get(image))));
        }
        PageCache.drop();
        long cold = 0;
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            long start = System.nanoTime();
            starts.get(i).run();
            long t = System.nanoTime() - start;
            if (i == 0) {
                cold = t;
            } else {
                warm.add(t);
            }
        }
        long cache = ReadRun.pageCache(layout, made).residentBytes();
        Optional<Integer> files = replay
                ? Optional.of(traced.values().stream().mapToInt(List::size).sum())
                : Optional.empty();
        return new Result(made.size(), cache, cold, Percentiles.of(warm), files);
    }

    /**
     * {@code command} in the container {@code c} of {@code image}, checked (and for {@code shared} traced) now, to be
     * started as often as wanted with {@link Start#run()}: what {@link #run} does for each container, one container at a
     * time (ColdStartBench drops the page cache before each start).
     */
    public static Start prepare(Layout layout, Instance c, Image image, String command) throws IOException {
        checkAvailable();
        check(c, image, command);
        Optional<List<String>> replay = layout.kind() == LayoutKind.SHARED
                ? Optional.of(trace((SharedLayout) layout, image, command, c))
                : Optional.empty();
        return new Start(c, image, command, replay);
    }

    private static void checkAvailable() throws LayoutException {
        Optional<String> why = unavailable();
        if (why.isPresent()) {
            throw new LayoutException(why.get());
        }
    }

    /**
     * One container's command, ready to start: a process chrooted into the container, or for {@code shared} the
     * traced files' whole reads through the union view.
     */
    public static final class Start {
        private final Instance container;
        private final Image image;
        private final String command;
        private final Optional<List<String>> replay;
        private final ByteBuffer buffer;

        private Start(Instance container, Image image, String command, Optional<List<String>> replay) {
            this.container = container;
            this.image = image;
            this.command = command;
            this.replay = replay;
            this.buffer = replay.isPresent() ? ByteBuffer.allocateDirect(256 * 1024) : null;
        }

        /** Starts the command once and waits for it (or replays its reads); a failure is one line. */
        public void run() throws IOException {
            if (replay.isPresent()) {
                ReadRun.read(container, replay.get(), buffer);
            } else {
                exec(root(container), command, image.ref(), List.of());
            }
        }

        /** For {@code shared}: how many files each start reads (what the traced run opened); empty otherwise. */
        public Optional<Integer> replayedFiles() {
            return replay.map(List::size);
        }
    }

    /** The directory a process chroots into for this container. */
    private static Path root(Instance c) throws IOException {
        return c.resolve("").orElseThrow(() -> new LayoutException(c.name() + ": has no root directory"));
    }

    /** Fails with one line naming the image and the command when the image has no {@code /bin/sh} or no such program. */
    static void check(Instance view, Image image, String command) throws IOException {
        String program = command.strip().split("\\s+", 2)[0];
        if (program.isEmpty()) {
            throw new LayoutException("--run: empty command");
        }
        if (program.contains("/")) {
            if (ViewPaths.canonical(view, program).isEmpty()) {
                throw new LayoutException(image.ref() + ": no " + program + " in the image (--run '" + command + "')");
            }
        } else if (!List.of("true", "false", ":", "exec", "echo", "exit", "test", "[", "cd")
                        .contains(program)
                && !inPath(view, program)) {
            throw new LayoutException(image.ref() + ": no " + program + " in the image's PATH (" + PATH
                    + ") for --run '" + command + "'");
        }
        if (ViewPaths.canonical(view, "bin/sh").isEmpty()) {
            throw new LayoutException(image.ref() + ": no /bin/sh in the image to run '" + command + "'");
        }
    }

    private static boolean inPath(Instance view, String program) throws IOException {
        for (String dir : PATH.split(":")) {
            if (ViewPaths.canonical(view, dir + "/" + program).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** CMD under strace in a kernel overlay mount of the image's layers; the regular files it opened, inside the root. */
    private static List<String> trace(SharedLayout layout, Image image, String command, Instance view)
            throws IOException {
        Path dir = Files.createTempDirectory(layout.dir(), ".trace-");
        Path merged = Files.createDirectory(dir.resolve("merged"));
        Path log = dir.resolve("strace.log");
        boolean mounted = false;
        try {
            Mount.overlay(
                    layout.layers(image),
                    Files.createDirectory(dir.resolve("upper")),
                    Files.createDirectory(dir.resolve("work")),
                    merged);
            mounted = true;
            exec(
                    merged,
                    command,
                    image.ref(),
                    List.of(
                            "strace",
                            "-f",
                            "-qq",
                            "-y",
                            "-e",
                            "trace=open,openat,execve",
                            "-e",
                            "status=successful",
                            "-o",
                            log.toString()));
            Set<String> opened = new LinkedHashSet<>();
            for (String p : StraceLog.opened(Files.readAllLines(log), merged)) {
                Optional<String> c = ViewPaths.canonical(view, p);
                if (c.isEmpty()) {
                    continue;
                }
                Optional<Path> real = view.resolve(c.get());
                if (real.isPresent() && Files.isRegularFile(real.get())) {
                    opened.add(c.get());
                    ElfInterpreter.of(real.get())
                            .flatMap(interp -> {
                                try {
                                    return ViewPaths.canonical(view, interp);
                                } catch (IOException e) {
                                    return Optional.empty();
                                }
                            })
                            .ifPresent(opened::add);
                }
            }
            return List.copyOf(opened);
        } finally {
            if (mounted) {
                Mount.unmount(merged, 0);
            }
            Trees.delete(dir);
        }
    }

    /** Runs {@code sh -c command} chrooted into {@code root} in new namespaces, after {@code prefix} (a tracer). */
    private static void exec(Path root, String command, String ref, List<String> prefix) throws IOException {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of("unshare", "--mount", "--pid", "--fork"));
        if (Files.isDirectory(root.resolve("proc"))) {
            argv.add("--mount-proc=" + root.resolve("proc"));
        }
        argv.addAll(List.of("chroot", root.toString(), "/bin/sh", "-c", command));
        Invocation inv = Invocation.of(argv)
                .withOnlyVariables(Map.of("PATH", PATH, "HOME", "/root"))
                .to(Invocation.Output.DISCARD)
                .withTimeout(Duration.ofSeconds(TIMEOUT_SECONDS));
        try {
            Programs.run(inv);
        } catch (ProgramException e) {
            throw new LayoutException(ref + ": '" + command + "' "
                    + switch (e.failure()) {
                        case CANNOT_START -> "cannot run: " + e.getCause().getMessage();
                        case TIMED_OUT -> "ran longer than " + TIMEOUT_SECONDS + " s";
                        case INTERRUPTED -> "interrupted";
                        case EXITED -> "exited " + e.exitCode() + (e.lastLine().isEmpty() ? "" : ": " + e.lastLine());
                    });
        }
    }
}
