package dev.layerbench.testing;

import dev.layerbench.codec.Compression;
import dev.layerbench.dataset.ImageRecord;
import dev.layerbench.dataset.ImageWriter;
import dev.layerbench.dataset.LayerRecord;
import dev.layerbench.oci.Whiteouts;
import dev.layerbench.store.BlobStore;
import dev.layerbench.tar.Content;
import dev.layerbench.tar.LayerDigests;
import dev.layerbench.tar.LayerWriter;
import dev.layerbench.tar.LayerWriterOptions;
import dev.layerbench.tar.TarEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Small layers for tests, made in code with the project's {@link LayerWriter} (no binary blobs in the repository):
 * whiteouts, opaque directories, hard links, symlinks, long names, xattrs, sparse-looking files, empty layers. Use the
 * ready-made ones or the builder; write them as bytes, to a file, or as images into an OCI layout.
 *
 * <pre>{@code
 * List<TarEntry> lower = LayerFixtures.layer().dir("etc").file("etc/a", "1").build();
 * List<TarEntry> upper = LayerFixtures.layer().whiteout("etc/a").build();
 * LayerFixtures.image(layoutDir, "test", Compression.GZIP, List.of(lower, upper));
 * }</pre>
 */
public final class LayerFixtures {

    /** A name longer than the 100 bytes a ustar header holds: needs a PAX {@code path} record. */
    public static final String LONG_DIR = "a-directory-name-that-goes-on-" + "and-on-".repeat(10) + "end";

    public static final String LONG_FILE =
            LONG_DIR + "/and-a-file-name-that-is-long-as-well-" + "x".repeat(60) + ".txt";

    private LayerFixtures() {}

    /** Starts a layer. */
    public static Builder layer() {
        return new Builder();
    }

    /** A lower layer with files and directories the whiteout fixtures delete: {@code etc/}, {@code usr/share/doc/}. */
    public static List<TarEntry> base() {
        return layer().dir("etc")
                .file("etc/hostname", "box\n")
                .file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
                .dir("usr")
                .dir("usr/share")
                .dir("usr/share/doc")
                .file("usr/share/doc/README", "read me\n")
                .file("usr/share/doc/COPYING", "copying\n")
                .dir("var")
                .dir("var/cache")
                .file("var/cache/old.bin", "cached\n")
                .build();
    }

    /** Deletes a file ({@code etc/passwd}) and a directory ({@code var/cache}) of {@link #base()}. */
    public static List<TarEntry> whiteouts() {
        return layer().dir("etc")
                .whiteout("etc/passwd")
                .dir("var")
                .whiteout("var/cache")
                .build();
    }

    /** Makes {@code usr/share/doc} opaque and puts one new file in it. */
    public static List<TarEntry> opaqueDir() {
        return layer().dir("usr")
                .dir("usr/share")
                .dir("usr/share/doc")
                .opaque("usr/share/doc")
                .file("usr/share/doc/NEW", "only this\n")
                .build();
    }

    /** A file and two hard links to it. */
    public static List<TarEntry> hardLinks() {
        return layer().dir("bin")
                .file("bin/busybox", "#!/bin/sh\necho busybox\n", 0755)
                .hardLink("bin/ls", "bin/busybox")
                .hardLink("bin/cat", "bin/busybox")
                .build();
    }

    /** Relative, absolute and dangling symlinks, and one to a directory. */
    public static List<TarEntry> symlinks() {
        return layer().dir("lib")
                .file("lib/libc.so.6", "elf")
                .symlink("lib/libc.so", "libc.so.6")
                .symlink("lib/abs", "/lib/libc.so.6")
                .symlink("lib/dangling", "nowhere")
                .symlink("lib64", "lib")
                .build();
    }

    /** A path and a symlink target over 100 bytes. */
    public static List<TarEntry> longNames() {
        return layer().dir(LONG_DIR)
                .file(LONG_FILE, "long\n")
                .symlink("short-link", LONG_FILE)
                .build();
    }

    /** Files with extended attributes (a capability-like value and user attributes). */
    public static List<TarEntry> xattrs() {
        return layer().dir("usr")
                .dir("usr/bin")
                .entry(TarEntry.file("usr/bin/ping", "ping".getBytes(StandardCharsets.UTF_8))
                        .withMode(0755)
                        .withXattr("security.capability", "cap_net_raw+ep")
                        .withXattr("user.comment", "made by layerbench"))
                .build();
    }

    /** A 1 MiB file of zeros with a few bytes at the end: sparse-looking to tools that detect holes. */
    public static List<TarEntry> sparseLooking() {
        return layer().dir("var")
                .entry(TarEntry.file("var/disk.img", new Content() {
                    @Override
                    public long size() {
                        return (1 << 20) + 4;
                    }

                    @Override
                    public void writeTo(OutputStream out) throws IOException {
                        Content.zeros(1 << 20).writeTo(out);
                        out.write(new byte[] {'e', 'n', 'd', '\n'});
                    }
                }))
                .entry(TarEntry.file("var/zeros", Content.zeros(300_000)))
                .build();
    }

    /** No entries at all: the tar is only its end-of-archive records. */
    public static List<TarEntry> empty() {
        return List.of();
    }

    /** Every fixture above in one layer (except the base and empty). */
    public static List<TarEntry> everything() {
        List<TarEntry> all = new ArrayList<>();
        for (List<TarEntry> part :
                List.of(whiteouts(), opaqueDir(), hardLinks(), symlinks(), longNames(), xattrs(), sparseLooking())) {
            for (TarEntry e : part) {
                if (all.stream().noneMatch(x -> x.path().equals(e.path()))) {
                    all.add(e);
                }
            }
        }
        return all;
    }

    /** The layer's bytes as written. */
    public static byte[] bytes(List<TarEntry> entries, Compression compression) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerWriter.write(out, entries, LayerWriterOptions.of(compression));
        return out.toByteArray();
    }

    /** Writes the layer to {@code file}; returns its digests. */
    public static LayerDigests write(List<TarEntry> entries, Compression compression, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return LayerWriter.write(out, entries, LayerWriterOptions.of(compression));
        }
    }

    /** Writes an image of these layers (bottom first) into the OCI layout at {@code layout}, tagged {@code tag}. */
    public static ImageRecord image(Path layout, String tag, Compression compression, List<List<TarEntry>> layers)
            throws IOException {
        BlobStore store = BlobStore.open(layout);
        Path temp = Files.createTempDirectory(layout.getParent(), ".fixture-");
        try {
            ImageWriter writer = new ImageWriter(store, temp);
            List<LayerRecord> records = new ArrayList<>();
            List<String> history = new ArrayList<>();
            for (List<TarEntry> layer : layers) {
                int files = (int) layer.stream()
                        .filter(e -> e.type() == dev.layerbench.tar.EntryType.FILE && !Whiteouts.isMarker(e.path()))
                        .count();
                int whiteouts = (int)
                        layer.stream().filter(e -> Whiteouts.isMarker(e.path())).count();
                records.add(writer.putLayer(layer, LayerWriterOptions.of(compression), files, whiteouts));
                history.add("fixture layer " + records.size());
            }
            return writer.putImage(tag, records, history);
        } finally {
            try (var s = Files.list(temp)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(temp);
        }
    }

    /** Builds a layer's entries in order. */
    public static final class Builder {
        private final List<TarEntry> entries = new ArrayList<>();

        public Builder entry(TarEntry e) {
            entries.add(e);
            return this;
        }

        public Builder dir(String path) {
            return entry(TarEntry.dir(path));
        }

        public Builder file(String path, String text) {
            return entry(TarEntry.file(path, text.getBytes(StandardCharsets.UTF_8)));
        }

        public Builder file(String path, String text, int mode) {
            return entry(
                    TarEntry.file(path, text.getBytes(StandardCharsets.UTF_8)).withMode(mode));
        }

        public Builder symlink(String path, String target) {
            return entry(TarEntry.symlink(path, target));
        }

        public Builder hardLink(String path, String target) {
            return entry(TarEntry.hardLink(path, target));
        }

        public Builder whiteout(String deleted) {
            return entry(TarEntry.whiteout(deleted));
        }

        public Builder opaque(String dir) {
            return entry(TarEntry.opaque(dir));
        }

        public List<TarEntry> build() {
            return List.copyOf(entries);
        }
    }
}
