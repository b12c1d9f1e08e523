package dev.layerbench.image;

import dev.layerbench.oci.LayerPaths;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/** The files of an image source, by relative path: a directory, or the entries of a tar read in place. */
interface ImageFiles extends Closeable {

    /** The size of a regular file, or empty when there is no such file. */
    OptionalLong size(String path) throws IOException;

    /** Opens a regular file. */
    InputStream open(String path) throws IOException;

    /** Names the file for messages, e.g. {@code image.tar!index.json}. */
    String describe(String path);

    static ImageFiles of(Path source) throws IOException {
        return Files.isDirectory(source) ? new Directory(source) : new Tar(source);
    }

    /** A directory; paths must stay inside it and symlinks are not followed. */
    final class Directory implements ImageFiles {
        private final Path root;

        Directory(Path root) {
            this.root = root.toAbsolutePath().normalize();
        }

        private Path resolve(String path) throws ImageException {
            Path p = root.resolve(path).normalize();
            if (!p.startsWith(root) || path.startsWith("/")) {
                throw new ImageException(describe(path) + ": path leaves the image directory");
            }
            return p;
        }

        @Override
        public OptionalLong size(String path) throws IOException {
            Path p = resolve(path);
            return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    ? OptionalLong.of(Files.size(p))
                    : OptionalLong.empty();
        }

        @Override
        public InputStream open(String path) throws IOException {
            Path p = resolve(path);
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new ImageException(describe(path) + ": missing");
            }
            return new BufferedInputStream(Files.newInputStream(p), 256 * 1024);
        }

        @Override
        public String describe(String path) {
            return root.resolve(path).toString();
        }

        @Override
        public void close() {}
    }

    /** A tar read in place through commons-compress's random-access {@link TarFile}. */
    final class Tar implements ImageFiles {
        private final Path file;
        private final TarFile tar;
        private final Map<String, TarArchiveEntry> entries = new HashMap<>();

        Tar(Path file) throws IOException {
            this.file = file;
            try {
                this.tar = new TarFile(file);
            } catch (IOException | RuntimeException e) {
                throw new ImageException(file + ": not a tar archive (" + oneLine(e) + ")", e);
            }
            Map<String, String> symlinks = new HashMap<>();
            for (TarArchiveEntry e : tar.getEntries()) {
                String name = LayerPaths.clean(e.getName());
                if (e.isFile()) {
                    entries.put(name, e);
                } else if (e.isSymbolicLink()) {
                    symlinks.put(name, e.getLinkName());
                }
            }
            // Legacy docker save writes <id>/layer.tar as a symlink to ../<diff_id>.tar: follow such links inside the
            // tar.
            symlinks.forEach(
                    (name, target) -> resolveLink(name, target, symlinks, 0).ifPresent(t -> entries.put(name, t)));
            if (tar.getEntries().isEmpty()) {
                tar.close();
                throw new ImageException(file + ": not a tar archive, or an empty one");
            }
        }

        private java.util.Optional<TarArchiveEntry> resolveLink(
                String name, String target, Map<String, String> links, int hops) {
            if (hops > 8 || target.startsWith("/")) {
                return java.util.Optional.empty();
            }
            java.nio.file.Path parent = java.nio.file.Path.of(name).getParent();
            String resolved = (parent == null ? java.nio.file.Path.of(target) : parent.resolve(target))
                    .normalize()
                    .toString();
            if (resolved.startsWith("..")) {
                return java.util.Optional.empty();
            }
            if (entries.containsKey(resolved)) {
                return java.util.Optional.of(entries.get(resolved));
            }
            String next = links.get(resolved);
            return next == null ? java.util.Optional.empty() : resolveLink(resolved, next, links, hops + 1);
        }

        @Override
        public OptionalLong size(String path) {
            TarArchiveEntry e = entries.get(LayerPaths.clean(path));
            return e == null ? OptionalLong.empty() : OptionalLong.of(e.getSize());
        }

        @Override
        public InputStream open(String path) throws IOException {
            TarArchiveEntry e = entries.get(LayerPaths.clean(path));
            if (e == null) {
                throw new ImageException(describe(path) + ": missing");
            }
            return new BufferedInputStream(new OneReaderAtATime(tar.getInputStream(e), tar), 256 * 1024);
        }

        /**
         * An entry's stream whose reads hold the archive's lock: TarFile's entry streams share one channel and set its
         * position before each read, so two entries read on two threads (inspect's verification, the sizing loader)
         * would otherwise get each other's bytes.
         */
        private static final class OneReaderAtATime extends FilterInputStream {
            private final Object lock;

            OneReaderAtATime(InputStream in, Object lock) {
                super(in);
                this.lock = lock;
            }

            @Override
            public int read() throws IOException {
                synchronized (lock) {
                    return in.read();
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                synchronized (lock) {
                    return in.read(b, off, len);
                }
            }

            @Override
            public long skip(long n) throws IOException {
                synchronized (lock) {
                    return in.skip(n);
                }
            }
        }

        @Override
        public String describe(String path) {
            return file + "!" + LayerPaths.clean(path);
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }

        private static String oneLine(Exception e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return m.replace('\n', ' ');
        }
    }
}
