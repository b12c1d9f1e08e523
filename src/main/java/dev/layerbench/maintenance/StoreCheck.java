package dev.layerbench.maintenance;

import dev.layerbench.digest.Digest;
import dev.layerbench.fs.HeldLock;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.sizing.SummaryCsv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a whole store: every blob re-hashed against its name, every tagged image's manifest, config and layers
 * present, every per-layer directory complete (its completion marker there, no staging beside it), every summary
 * readable, and no temp file left by a dead writer. What a live writer holds (a temp file, a layer being unpacked) is
 * not a problem, so a store in use can be verified.
 */
public final class StoreCheck {

    /** One problem: where, and what is wrong. */
    public record Problem(Path where, String what) {
        @Override
        public String toString() {
            return where + ": " + what;
        }
    }

    private StoreCheck() {}

    /** Every problem found, in the order checked; empty when the store is sound. */
    public static List<Problem> run(WholeStore store) throws IOException {
        List<Problem> problems = new ArrayList<>();
        Path blobDir = store.blobs().blobPath(Digest.of(new byte[0])).getParent();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(blobDir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                Digest named;
                try {
                    named = new Digest(name);
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(f, "not a blob (the name is not a sha256 digest)"));
                    continue;
                }
                if (!Files.isRegularFile(f)) {
                    problems.add(new Problem(f, "not a regular file"));
                    continue;
                }
                Digest actual = Digest.of(f);
                if (!actual.equals(named)) {
                    problems.add(new Problem(f, "content hashes to " + actual));
                }
            }
        }
        try (ImageArchive archive = ImageArchive.open(store.root())) {
            for (String ref : store.blobs().tags()) {
                Image image;
                try {
                    image = archive.image(ref);
                } catch (IOException e) {
                    problems.add(new Problem(store.root().resolve("index.json"), "tag " + ref + ": " + e.getMessage()));
                    continue;
                }
                for (Layer l : image.layers()) {
                    if (!store.blobs().exists(l.digest())) {
                        problems.add(new Problem(
                                store.blobs().blobPath(l.digest()),
                                "layer " + l.index() + " of " + ref + " is missing"));
                    }
                }
            }
        }
        for (Path p : store.layers().abandoned()) {
            problems.add(new Problem(
                    p, "incomplete per-layer directory entry (staging, or no completion marker) nobody is working on"));
        }
        for (Digest d : store.layers().unpacked()) {
            try {
                store.layers().form(d);
            } catch (IOException | IllegalArgumentException e) {
                problems.add(new Problem(store.layers().path(d), "completion marker unreadable: " + e.getMessage()));
            }
        }
        Path summaries = store.summaries().root().resolve(Digest.SHA256);
        if (Files.isDirectory(summaries)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(summaries, "*.csv")) {
                for (Path f : files) {
                    try (InputStream in = Files.newInputStream(f)) {
                        SummaryCsv.read(
                                in, new Digest(f.getFileName().toString().replaceFirst("\\.csv$", "")), f.toString());
                    } catch (IOException | IllegalArgumentException e) {
                        problems.add(new Problem(f, "unreadable summary: " + e.getMessage()));
                    }
                }
            }
        }
        List<Path> temps = new ArrayList<>(store.blobs().ingestFiles());
        temps.addAll(store.summaries().tempFiles());
        for (Path t : temps) {
            Optional<HeldLock> dead = HeldLock.tryAcquire(t, HeldLock.IfAbsent.SKIP);
            if (dead.isPresent()) {
                dead.get().close();
                problems.add(new Problem(t, "temp file of a writer that died"));
            }
        }
        return problems;
    }
}
