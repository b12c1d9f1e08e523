package dev.layerbench.cli;

import dev.layerbench.digest.Digest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code digest FILE...}: prints {@code sha256:<hex>  FILE} for each file, as sha256sum does, files hashed in parallel. */
@Command(name = "digest", mixinStandardHelpOptions = true,
        description = "Print the sha256 digest of each FILE as 'sha256:<hex>  FILE' (like sha256sum).")
final class DigestTool implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to hash; several are hashed in parallel.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int threads = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
        int status = 0;
        List<Future<Digest>> results = new ArrayList<>();
        try (ExecutorService pool = threads <= 1 ? Executors.newSingleThreadExecutor() : Executors.newFixedThreadPool(threads)) {
            for (Path file : files) {
                results.add(pool.submit(() -> {
                    if (Files.isDirectory(file)) {
                        throw new java.io.IOException(file + ": is a directory");
                    }
                    return Digest.of(file);
                }));
            }
            for (int i = 0; i < files.size(); i++) {
                try {
                    out.println(results.get(i).get() + "  " + files.get(i));
                } catch (ExecutionException e) {
                    err.println("digest: " + Errors.oneLine(e.getCause()));
                    status = Errors.FAILED;
                }
            }
        }
        out.flush();
        err.flush();
        return status;
    }
}
