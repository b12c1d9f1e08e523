package dev.layerbench.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Makes the links a multi-call program lists for itself ({@code busybox --list-full}) in a root filesystem, as
 * {@link RealRecipe.Links} says: hard links in the listed directories named, symbolic links to {@code /PROGRAM} in the
 * others, nothing where a path already exists. The program runs on the host, not in the chroot, so it must be a static
 * binary of the host's architecture; paths inside the root are resolved with the root as {@code /} (Debian's merged
 * {@code /usr} makes {@code bin} a symlink to {@code usr/bin}).
 */
final class AppletLinks {

    /** As Linux's MAXSYMLINKS. */
    private static final int MAX_SYMLINKS = 40;

    /** What was made: hard links, symbolic links, and listed paths left alone because they existed. */
    record Made(int hardLinks, int symlinks, int existing) {}

    private AppletLinks() {}

    static Made make(Path rootfs, RealRecipe.Links links, Commands commands) throws IOException {
        Path program = inRoot(rootfs, links.program());
        if (!Files.isRegularFile(program, LinkOption.NOFOLLOW_LINKS) || !Files.isExecutable(program)) {
            throw new DatasetException(
                    "links: " + links.program() + " is not an executable file in the layer (" + program + ")");
        }
        String listed = commands.output(links.program() + " --list-full", List.of(program.toString(), "--list-full"));
        int hard = 0;
        int soft = 0;
        int existing = 0;
        for (String line : listed.split("\n")) {
            String path = line.strip();
            while (path.startsWith("/")) {
                path = path.substring(1);
            }
            if (path.isEmpty()) {
                continue;
            }
            if (Arrays.asList(path.split("/")).contains("..")) {
                throw new DatasetException(
                        "links: " + links.program() + " --list-full printed " + line + ", which leaves the root");
            }
            int slash = path.lastIndexOf('/');
            String dir = slash < 0 ? "" : path.substring(0, slash);
            Path parent = inRoot(rootfs, dir);
            if (!Files.isDirectory(parent)) {
                throw new DatasetException(
                        "links: " + links.program() + " lists " + path + " but the layer has no directory " + dir);
            }
            Path link = parent.resolve(path.substring(slash + 1));
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                existing++;
            } else if (links.hardLinkDirs().contains(dir)) {
                Files.createLink(link, program);
                hard++;
            } else {
                Files.createSymbolicLink(link, Path.of("/" + links.program()));
                soft++;
            }
        }
        if (hard + soft + existing == 0) {
            throw new DatasetException("links: " + links.program() + " --list-full printed no paths");
        }
        return new Made(hard, soft, existing);
    }

    /** {@code relative} resolved inside {@code root} as if it were {@code /}: symlinks followed there, never out. */
    static Path inRoot(Path root, String relative) throws IOException {
        Deque<String> todo = new ArrayDeque<>(Arrays.asList(relative.split("/")));
        Path at = root;
        int hops = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!at.equals(root)) {
                    at = at.getParent();
                }
                continue;
            }
            Path next = at.resolve(c);
            if (Files.isSymbolicLink(next)) {
                if (++hops > MAX_SYMLINKS) {
                    throw new DatasetException("links: too many symlinks resolving " + relative + " in " + root);
                }
                String target = Files.readSymbolicLink(next).toString();
                if (target.startsWith("/")) {
                    at = root;
                }
                List<String> parts = Arrays.asList(target.split("/"));
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
            } else {
                at = next;
            }
        }
        return at;
    }
}
