package dev.layerbench.cli;

import dev.layerbench.digest.Digest;
import dev.layerbench.maintenance.StoreCheck;
import dev.layerbench.maintenance.StoreContents;
import dev.layerbench.maintenance.StoreGc;
import dev.layerbench.maintenance.StoreUsage;
import dev.layerbench.maintenance.WholeStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code store ls|df|verify|gc [--store DIR]}: the shared store (blobs, per-layer directories, summaries) for the people
 * who run it. Each subcommand first removes what dead writers left, never what a live one holds.
 */
@Command(
        name = "store",
        mixinStandardHelpOptions = true,
        description = StoreTool.DESCRIPTION,
        subcommands = {StoreTool.Ls.class, StoreTool.Df.class, StoreTool.Verify.class, StoreTool.Gc.class})
final class StoreTool implements Runnable {

    /** Its line in {@code help} (a constant: the list is printed without loading the tool). */
    static final String DESCRIPTION =
            "Look after the store: list its images, show its disk use, verify it, collect garbage.";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The --store option every subcommand has. */
    static class StoreOption {
        @Option(
                names = "--store",
                paramLabel = "DIR",
                description = "The store (default: the user's cache dir, layerbench/store, as view and size use).")
        Path store;

        @Spec
        CommandSpec spec;

        WholeStore open() throws IOException {
            Path dir = store != null ? store : ViewTool.defaultStore();
            if (!java.nio.file.Files.isDirectory(dir)) {
                throw new java.nio.file.NoSuchFileException(dir.toString(), null, "no store here");
            }
            return WholeStore.open(dir);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(
            name = "ls",
            mixinStandardHelpOptions = true,
            description = "List the tagged images with their layers: size as stored, diff_id, unpacked and summarized.")
    static final class Ls extends StoreOption implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            PrintWriter out = out();
            StoreContents contents = StoreContents.read(open());
            for (StoreContents.StoreImage i : contents.images()) {
                out.printf(
                        "%s  %s  %d layers  %s%n",
                        i.ref(), i.manifest(), i.layers().size(), Sizes.si(i.size()));
                int n = 0;
                for (StoreContents.StoreLayer l : i.layers()) {
                    out.printf(
                            "  %3d %10s  %s  diff_id %s%s%s%n",
                            n++,
                            Sizes.si(l.size()),
                            short12(l.digest()),
                            short12(l.diffId()),
                            l.unpacked() ? "  unpacked" : "",
                            l.summarized() ? "  summarized" : "");
                }
            }
            out.printf("%d images%n", contents.images().size());
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "df",
            mixinStandardHelpOptions = true,
            description =
                    "Bytes and inodes of blobs, layer directories and summaries, and what gc would reclaim (as docker system df).")
    static final class Df extends StoreOption implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            PrintWriter out = out();
            StoreUsage usage = StoreUsage.measure(open());
            out.printf(
                    "%-18s %7s %7s %12s %14s %9s %12s%n",
                    "TYPE", "TOTAL", "USED", "SIZE", "BYTES", "INODES", "RECLAIMABLE");
            long bytes = 0;
            long inodes = 0;
            for (StoreUsage.Kind k : usage.kinds()) {
                boolean other = k.name().equals("other");
                out.printf(
                        "%-18s %7s %7s %12s %14d %9d %12s%n",
                        k.name(),
                        other ? "-" : k.total(),
                        other ? "-" : k.used(),
                        Sizes.si(k.bytes()),
                        k.bytes(),
                        k.inodes(),
                        other ? "-" : Sizes.si(k.reclaimableBytes()));
                bytes += k.bytes();
                inodes += k.inodes();
            }
            out.printf("%-18s %7s %7s %12s %14d %9d%n", "total", "", "", Sizes.si(bytes), bytes, inodes);
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description =
                    "Re-hash every blob, check every tagged image's blobs and every layer directory are complete; exit 1 on any problem.")
    static final class Verify extends StoreOption implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            PrintWriter out = out();
            WholeStore store = open();
            List<StoreCheck.Problem> problems = StoreCheck.run(store);
            PrintWriter err = spec.commandLine().getErr();
            for (StoreCheck.Problem p : problems) {
                err.println("store verify: " + p);
            }
            err.flush();
            out.printf(
                    "%d blobs, %d layer directories checked: %d problems%n",
                    store.blobs().blobs().size(), store.layers().unpacked().size(), problems.size());
            out.flush();
            return problems.isEmpty() ? 0 : Errors.FAILED;
        }
    }

    @Command(
            name = "gc",
            mixinStandardHelpOptions = true,
            description =
                    "Remove blobs, layer directories and summaries that no tagged image uses and no running import or view holds.")
    static final class Gc extends StoreOption implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            PrintWriter out = out();
            StoreGc.Report r = StoreGc.run(open());
            for (Digest d : r.blobs().removed()) {
                out.println("removed blob " + d);
            }
            for (Digest d : r.layersRemoved()) {
                out.println("removed layer directory " + d);
            }
            for (Digest d : r.layersBusy()) {
                out.println("kept layer directory " + d + " (being unpacked)");
            }
            for (Digest d : r.summariesRemoved()) {
                out.println("removed summary " + d);
            }
            out.printf(
                    "removed %d blobs (%s), %d layer directories (%s, %d inodes), %d summaries (%s); kept %d blobs%n",
                    r.blobs().blobsRemoved(),
                    Sizes.si(r.blobs().bytesRemoved()),
                    r.layersRemoved().size(),
                    Sizes.si(r.layerBytes()),
                    r.layerInodes(),
                    r.summariesRemoved().size(),
                    Sizes.si(r.summaryBytes()),
                    r.blobs().blobsKept());
            out.flush();
            return 0;
        }
    }

    private static String short12(Digest d) {
        return d.algorithm() + ":" + d.hex().substring(0, 12);
    }
}
