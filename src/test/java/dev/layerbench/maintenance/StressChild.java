package dev.layerbench.maintenance;

import dev.layerbench.cli.Main;
import dev.layerbench.digest.Digest;
import dev.layerbench.fs.Trees;
import dev.layerbench.store.BlobStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One operation of {@link StoreStressTest}, run as its own process ({@code StressChild OP STORE SOURCE WORK REF}) or
 * in the test's own (for the expected answers): the jar's tools on one store, and a line {@code RESULT <answer>} that
 * is the same for every run that succeeds, whatever else runs at the same time.
 */
public final class StressChild {

    /** The operations mixed. */
    static final List<String> OPS = List.of("import", "view", "unpack", "size", "layout", "gc");

    public static void main(String[] args) throws Exception {
        String result = result(args[0], Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), args[4]);
        System.out.println("RESULT " + result);
        System.out.flush();
        System.exit(0);
    }

    /** Runs one operation; throws (naming the tool's stderr) when a tool fails. */
    static String result(String op, Path store, Path source, Path work, String ref) throws IOException {
        Files.createDirectories(work);
        return switch (op) {
            case "import" -> {
                importImage(store, source, ref);
                yield BlobStore.open(store).resolve(ref).orElseThrow().digest().toString();
            }
            case "view" ->
                Digest.of(tool("view", "--image", source.toString(), "--ref", ref, "--store", store.toString())
                                .getBytes(StandardCharsets.UTF_8))
                        .toString();
            case "unpack" -> {
                importImage(store, source, ref);
                Path into = work.resolve("unpacked");
                tool("unpack", "--image", store.toString(), "--ref", ref, "--into", into.toString(), "--writers", "1");
                String tree = listing(into);
                Trees.delete(into);
                yield Digest.of(tree.getBytes(StandardCharsets.UTF_8)).toString();
            }
            case "size" ->
                Digest.of(tool("size", "--image", source.toString(), "--store", store.toString(), "--format", "csv")
                                .getBytes(StandardCharsets.UTF_8))
                        .toString();
            case "layout" -> {
                importImage(store, source, ref);
                String out = tool(
                        "layout",
                        "--image",
                        store.toString(),
                        "--ref",
                        ref,
                        "--kind",
                        "shared,flat",
                        "--n",
                        "2",
                        "--no-workload",
                        "--warmup",
                        "0",
                        "--dir",
                        work.toString());
                // the columns that do not depend on timing: LAYOUT N BYTES/c INODES/c BASE-bytes
                String table = out.lines()
                        .filter(l -> l.startsWith("shared ") || l.startsWith("flat "))
                        .map(l -> {
                            String[] f = l.trim().split("\\s+");
                            return f[0] + " " + f[1] + " " + f[5] + " " + f[6] + " " + f[7];
                        })
                        .collect(Collectors.joining("\n"));
                yield table.isEmpty() ? "no table: " + out : table.replace('\n', '|');
            }
            case "gc" -> {
                BlobStore.open(store); // creates it when this is the first process
                tool("store", "gc", "--store", store.toString());
                yield "ok";
            }
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    private static void importImage(Path store, Path source, String ref) throws IOException {
        tool("inspect", "--image", source.toString(), "--ref", ref, "--into", store.toString());
    }

    private static String tool(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        if (code != 0) {
            throw new IOException(String.join(" ", args) + " exited " + code + ": "
                    + err.toString().strip());
        }
        return out.toString();
    }

    /** Path, type, mode, size and content digest of every entry below {@code root}, sorted. */
    static String listing(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            StringBuilder b = new StringBuilder();
            for (Path p : all.sorted().toList()) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    b.append(rel)
                            .append(" link ")
                            .append(Files.readSymbolicLink(p))
                            .append('\n');
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    b.append(rel).append(" dir\n");
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    b.append(rel)
                            .append(" file ")
                            .append(Files.size(p))
                            .append(' ')
                            .append(Digest.of(p))
                            .append('\n');
                } else {
                    b.append(rel).append(" other\n");
                }
            }
            return b.toString();
        }
    }
}
