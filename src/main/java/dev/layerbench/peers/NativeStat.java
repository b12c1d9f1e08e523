package dev.layerbench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny C program, compiled with gcc at run time into the work directory, that times the kernel's own calls with
 * {@code clock_gettime} so that neither a JVM nor a process start hides their cost: {@code loop PATH N} prints the
 * mean nanoseconds of N {@code lstat(PATH)} calls; {@code mount CWD OPTIONS MNT PATH} mounts an overlay read-only
 * (relative layer names resolve in CWD), prints the nanoseconds of {@code mount(2)} and of the first {@code lstat},
 * and unmounts.
 */
final class NativeStat {

    static final String SOURCE = """
            #define _GNU_SOURCE
            #include <errno.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <time.h>
            #include <unistd.h>
            #include <sys/mount.h>
            #include <sys/stat.h>

            static long long now(void) {
                struct timespec t;
                clock_gettime(CLOCK_MONOTONIC, &t);
                return t.tv_sec * 1000000000LL + t.tv_nsec;
            }

            int main(int argc, char **argv) {
                struct stat st;
                if (argc == 4 && strcmp(argv[1], "loop") == 0) {
                    long n = atol(argv[3]);
                    if (n < 1) { fprintf(stderr, "loop: N must be 1 or more\\n"); return 2; }
                    long long start = now();
                    for (long i = 0; i < n; i++) {
                        if (lstat(argv[2], &st) != 0 && errno != ENOENT) { perror(argv[2]); return 1; }
                    }
                    printf("%lld\\n", (now() - start) / n);
                    return 0;
                }
                if (argc == 6 && strcmp(argv[1], "mount") == 0) {
                    if (chdir(argv[2]) != 0) { perror(argv[2]); return 1; }
                    long long start = now();
                    if (mount("overlay", argv[4], "overlay", MS_RDONLY, argv[3]) != 0) { perror("mount"); return 1; }
                    long long mounted = now();
                    int r = lstat(argv[5], &st);
                    int e = errno;
                    long long stated = now();
                    if (umount2(argv[4], 0) != 0) { perror("umount"); return 1; }
                    if (r != 0 && e != ENOENT) { errno = e; perror(argv[5]); return 1; }
                    printf("%lld %lld\\n", mounted - start, stated - mounted);
                    return 0;
                }
                fprintf(stderr, "usage: loop PATH N | mount CWD OPTIONS MNT PATH\\n");
                return 2;
            }
            """;

    private final Path binary;

    private NativeStat(Path binary) {
        this.binary = binary;
    }

    /** Compiles the program into {@code dir}. */
    static NativeStat compile(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path c = dir.resolve("statloop.c");
        Files.writeString(c, SOURCE);
        Path bin = dir.resolve("statloop");
        Processes.run(dir, List.of("gcc", "-O2", "-o", bin.toString(), c.toString()));
        return new NativeStat(bin);
    }

    /** Mean nanoseconds of one lstat of {@code path}, over {@code n} calls. */
    long loop(Path path, long n) throws IOException {
        return parse(Processes.output(null, List.of(binary.toString(), "loop", path.toString(), Long.toString(n))))[0];
    }

    /** Nanoseconds of mount(2) and of the first lstat after it. */
    long[] mountAndStat(Path cwd, String options, Path mnt, Path path) throws IOException {
        return parse(Processes.output(
                null, List.of(binary.toString(), "mount", cwd.toString(), options, mnt.toString(), path.toString())));
    }

    private long[] parse(String out) throws PeersException {
        try {
            String[] f = out.strip().split("\\s+");
            long[] r = new long[f.length];
            for (int i = 0; i < f.length; i++) {
                r[i] = Long.parseLong(f[i]);
            }
            return r;
        } catch (NumberFormatException e) {
            throw new PeersException(binary + ": unexpected output \"" + out + "\"");
        }
    }
}
