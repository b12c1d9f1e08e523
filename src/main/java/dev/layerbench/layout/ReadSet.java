package dev.layerbench.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The working set each container reads: every regular file of its image ({@link #all()}), or the paths a list names
 * ({@link #of(Path)}: one absolute or root-relative path a line; blank lines and {@code #} comments skipped), symlinks
 * followed inside the container.
 *
 * @param paths  the listed paths, or empty for every regular file
 * @param source where the list came from, for messages
 */
public record ReadSet(Optional<List<String>> paths, String source) {

    public ReadSet {
        paths = paths.map(List::copyOf);
    }

    /** Every regular file of the image. */
    public static ReadSet all() {
        return new ReadSet(Optional.empty(), "all");
    }

    /** The paths listed in {@code file}. */
    public static ReadSet of(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new LayoutException(file + ": no such file (--read @FILE lists the paths each container reads)");
        }
        List<String> paths = new ArrayList<>();
        for (String l : lines) {
            String s = l.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                paths.add(s);
            }
        }
        if (paths.isEmpty()) {
            throw new LayoutException(file + ": lists no path to read");
        }
        return new ReadSet(Optional.of(paths), file.toString());
    }

    /** Parses {@code all} or {@code @FILE}. */
    public static ReadSet parse(String spec) throws IOException {
        if (spec.equals("all")) {
            return all();
        }
        if (spec.startsWith("@") && spec.length() > 1) {
            return of(Path.of(spec.substring(1)));
        }
        throw new IllegalArgumentException("--read " + spec + ": expected all or @FILE");
    }

    /**
     * The regular files to read in containers like {@code sample} (of image {@code ref}), symlinks resolved, each once.
     *
     * @throws LayoutException naming the first listed path the image does not have
     */
    public List<String> files(Instance sample, String ref) throws IOException {
        if (paths.isEmpty()) {
            return ViewPaths.regularFiles(sample);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String p : paths.get()) {
            Optional<String> c = ViewPaths.canonical(sample, p);
            if (c.isEmpty()) {
                throw new LayoutException(source + ": " + p + ": not in image " + ref);
            }
            Optional<Path> real = sample.resolve(c.get());
            if (real.isPresent() && Files.isRegularFile(real.get())) {
                out.add(c.get());
            }
        }
        return List.copyOf(out);
    }
}
