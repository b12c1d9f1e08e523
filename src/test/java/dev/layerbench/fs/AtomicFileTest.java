package dev.layerbench.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AtomicFileTest {

    @TempDir
    Path dir;

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("sub"))) {
            return s.count();
        }
    }

    @ParameterizedTest
    @EnumSource(AtomicFile.Durability.class)
    void write_replacesWholeAndLeavesNoTemp(AtomicFile.Durability durability) throws IOException {
        Path target = dir.resolve("sub/file.json");
        AtomicFile.write(target, durability, "old".getBytes());
        AtomicFile.write(target, durability, out -> {
            out.write("new".getBytes());
            out.close(); // as Jackson does
        });
        assertArrayEquals("new".getBytes(), Files.readAllBytes(target));
        assertEquals(1, files());
    }

    @ParameterizedTest
    @EnumSource(AtomicFile.Durability.class)
    void write_failingWriter_leavesTheOldFileAndNoTemp(AtomicFile.Durability durability) throws IOException {
        Path target = dir.resolve("sub/file.json");
        AtomicFile.write(target, durability, "old".getBytes());
        assertThrows(
                IOException.class,
                () -> AtomicFile.write(target, durability, out -> {
                    out.write("half".getBytes());
                    throw new IOException("disk full");
                }));
        assertArrayEquals("old".getBytes(), Files.readAllBytes(target));
        assertEquals(1, files());
    }
}
