package dev.layerbench.peers;

import dev.layerbench.codec.Compression;
import dev.layerbench.fs.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decompressing one layer of the dataset to nothing: zstd-jni against {@code zstd -dc}, java.util.zip against
 * {@code gzip -dc} and {@code pigz -dc}. The project's side is the codec's in-process decorator ({@link Compression}),
 * steady state; the peers are whole processes (their start-up is a few milliseconds).
 */
final class DecompressGroup implements Comparisons {

    static final String GROUP = "decompress";

    @Override
    public List<PeerComparison> run(Session s) throws IOException {
        Path dir = s.work.resolve("decompress");
        List<PeerComparison> rows = new ArrayList<>();
        try {
            LayerFiles files = s.layerFiles(dir);
            String gz = files.gzip().toString();
            String zst = files.zstd().toString();
            Side zstdJni = new Side("zstd-jni", Side.Kind.STEADY, "Compression.ZSTD.decompress", null);
            Side juz = new Side("java.util.zip", Side.Kind.STEADY, "Compression.GZIP.decompress", null);
            rows.add(s.compare(
                    GROUP,
                    "zstd (level 3) " + files.describe(),
                    zstdJni,
                    drain(files.zstd(), Compression.ZSTD),
                    new Side("zstd -dc", Side.Kind.PROCESS, "zstd -dc FILE >/dev/null", null),
                    Trial.timed(() -> Processes.run(null, List.of("zstd", "-dc", zst))),
                    "",
                    List.of("zstd")));
            rows.add(s.compare(
                    GROUP,
                    "gzip (default level) " + files.describe(),
                    juz,
                    drain(files.gzip(), Compression.GZIP),
                    new Side("gzip -dc", Side.Kind.PROCESS, "gzip -dc FILE >/dev/null", null),
                    Trial.timed(() -> Processes.run(null, List.of("gzip", "-dc", gz))),
                    "",
                    List.of("gzip")));
            rows.add(s.compare(
                    GROUP,
                    "gzip (default level) " + files.describe(),
                    juz,
                    drain(files.gzip(), Compression.GZIP),
                    new Side("pigz -dc", Side.Kind.PROCESS, "pigz -dc FILE >/dev/null", null),
                    Trial.timed(() -> Processes.run(null, List.of("pigz", "-dc", gz))),
                    "",
                    List.of("pigz")));
        } finally {
            Trees.delete(dir);
        }
        return rows;
    }

    private static Trial drain(Path file, Compression c) {
        return Trial.timed(() -> {
            try (InputStream in = c.decompress(Files.newInputStream(file))) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        });
    }
}
