package dev.layerbench.layout;

import dev.layerbench.digest.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a root filesystem holds, in one comparable value: entry and regular-file counts, file bytes, and a digest over
 * every entry's path, kind, permission bits, file content digest and symlink target in a fixed walk order. Equal summaries mean
 * equal trees (as the contract suite compares them), e.g. a container against its flattened image in a benchmark's
 * setup.
 */
public record RootfsSummary(long entries, long files, long bytes, Digest digest) {

    /** The tree as the container shows it. */
    public static RootfsSummary of(Instance c) throws IOException {
        return walk(c::list, c::resolve);
    }

    /** A plain directory tree. */
    public static RootfsSummary of(Path root) throws IOException {
        return walk(d -> DirectoryTree.list(d.isEmpty() ? root : root.resolve(d)), p -> DirectoryTree.resolve(root, p));
    }

    private interface Lister {
        List<String> list(String dir) throws IOException;
    }

    private interface Resolver {
        Optional<Path> resolve(String path) throws IOException;
    }

    private static RootfsSummary walk(Lister lister, Resolver resolver) throws IOException {
        StringBuilder all = new StringBuilder();
        long entries = 0;
        long files = 0;
        long bytes = 0;
        List<String> stack = new ArrayList<>(List.of(""));
        while (!stack.isEmpty()) {
            String d = stack.removeLast();
            List<String> names = lister.list(d);
            for (int i = names.size() - 1; i >= 0; i--) { // reversed onto the stack: visited in path order
                String p = d.isEmpty() ? names.get(i) : d + "/" + names.get(i);
                Path real = resolver.resolve(p).orElseThrow(() -> new LayoutException(p + ": listed but not found"));
                if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                    stack.add(p);
                }
            }
            for (String n : names) {
                String p = d.isEmpty() ? n : d + "/" + n;
                Path real = resolver.resolve(p).orElseThrow();
                int mode = (Integer) Files.getAttribute(real, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                entries++;
                all.append(p).append(' ').append(Integer.toOctalString(mode)).append(' ');
                if (Files.isSymbolicLink(real)) {
                    all.append(Files.readSymbolicLink(real));
                } else if (Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                    files++;
                    bytes += Files.size(real);
                    all.append(Digest.of(real));
                }
                all.append('\n');
            }
        }
        return new RootfsSummary(entries, files, bytes, Digest.of(all.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
