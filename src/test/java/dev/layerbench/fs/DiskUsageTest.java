package dev.layerbench.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskUsageTest {

    @TempDir
    Path dir;

    /** Files of several sizes, a sparse file, hard links inside the tree, symlinks, nested directories. */
    private Path tree() throws IOException {
        Path root = Files.createDirectory(dir.resolve("tree"));
        for (int d = 0; d < 5; d++) {
            Path sub = Files.createDirectories(root.resolve("d" + d).resolve("e"));
            for (int f = 0; f < 20; f++) {
                Files.write(sub.resolve("f" + f), new byte[f * 997 * (d + 1)]);
            }
            Files.createSymbolicLink(sub.resolve("link"), Path.of("f1"));
        }
        Files.createLink(root.resolve("hard-1"), root.resolve("d3/e/f19"));
        Files.createLink(root.resolve("d0/hard-2"), root.resolve("d3/e/f19"));
        try (RandomAccessFile sparse =
                new RandomAccessFile(root.resolve("sparse").toFile(), "rw")) {
            sparse.setLength(64L << 20);
            sparse.write(new byte[8192]);
        }
        return root;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        return Programs.run(Invocation.of(command).withTimeout(Duration.ofSeconds(60)));
    }

    private static long firstNumber(String duOutput) {
        return Long.parseLong(duOutput.strip().split("\\s+")[0]);
    }

    @Test
    void stat_agreesWithTheJdk() throws IOException {
        Path f = Files.write(dir.resolve("f"), new byte[10_000]);
        Files.createLink(dir.resolve("g"), f);
        Stat s = Stat.of(f);
        assertEquals(Files.getAttribute(f, "unix:ino"), s.ino());
        assertEquals(2, s.nlink());
        assertEquals(10_000, s.size());
        assertTrue(s.isRegularFile());
        assertTrue(s.blocks() * 512 >= 10_000);
        assertEquals(Files.getAttribute(f, "unix:dev"), s.dev());
        Files.createSymbolicLink(dir.resolve("l"), Path.of("f"));
        assertTrue(Stat.of(dir.resolve("l")).isSymlink(), "statx does not follow the link");
        PosixException e = org.junit.jupiter.api.Assertions.assertThrows(
                PosixException.class, () -> Stat.of(dir.resolve("absent")));
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void of_equalsDuBytesAndInodes() throws Exception {
        assumeTrue(LoopFilesystem.onPath("du"), "needs du (coreutils)");
        Path root = tree();
        DiskUsage u = DiskUsage.of(root);
        assertEquals(firstNumber(run("du", "-s", "--block-size=1", root.toString())), u.bytes());
        assertEquals(firstNumber(run("du", "-s", "--inodes", root.toString())), u.inodes());
        assertEquals(u.inodes() + 2, u.links(), "two more names for one inode");
        assertTrue(u.bytes() < 8 << 20, "a sparse file counts its allocated blocks, not its length");
    }

    @Test
    void walker_countsAnInodeSharedBetweenTreesOnce() throws Exception {
        Path a = tree();
        Path b = Files.createDirectory(dir.resolve("links"));
        Files.createLink(b.resolve("x"), a.resolve("d4/e/f19"));
        DiskUsage both =
                new DiskUsage.Walker(DiskUsage.Devices.ONE).add(a).add(b).usage();
        DiskUsage onlyA = DiskUsage.of(a);
        assertEquals(1, both.inodes() - onlyA.inodes(), "only the directory b is new");
        assertEquals(
                firstNumber(run("du", "-s", "-c", "--block-size=1", a.toString(), b.toString())
                        .lines()
                        .toList()
                        .getLast()),
                both.bytes());
    }

    @Test
    void of_matchesDfDeltasOnAPrivateFilesystem() throws Exception {
        assumeTrue(LoopFilesystem.Type.EXT4.available(), "needs root and mkfs.ext4 for a private loop filesystem");
        try (LoopFilesystem fs = LoopFilesystem.create(LoopFilesystem.Type.EXT4, dir, 256L << 20)) {
            List<Long> before = df(fs.root());
            Path root = Files.createDirectory(fs.root().resolve("t"));
            for (int i = 0; i < 300; i++) {
                Files.write(root.resolve("f" + i), new byte[i * 1000]);
            }
            Files.createLink(root.resolve("again"), root.resolve("f299"));
            run("sync", "-f", root.toString());
            List<Long> after = df(fs.root());
            DiskUsage u = DiskUsage.of(root);
            assertEquals(after.get(0) - before.get(0), u.inodes(), "inodes used, from df -i");
            long dfBytes = after.get(1) - before.get(1);
            assertTrue(
                    Math.abs(dfBytes - u.bytes()) <= u.bytes() / 50, "df used " + dfBytes + " vs counted " + u.bytes());
            assertTrue(Files.isDirectory(fs.root(), LinkOption.NOFOLLOW_LINKS));
        }
    }

    /** [inodes used, bytes used] of the filesystem at {@code p}. */
    private static List<Long> df(Path p) throws Exception {
        String inodes =
                run("df", "--output=iused", p.toString()).lines().toList().getLast();
        String bytes = run("df", "--block-size=1", "--output=used", p.toString())
                .lines()
                .toList()
                .getLast();
        return List.of(Long.parseLong(inodes.strip()), Long.parseLong(bytes.strip()));
    }
}
