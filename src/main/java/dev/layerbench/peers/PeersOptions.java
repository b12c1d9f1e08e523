package dev.layerbench.peers;

import dev.layerbench.fs.LoopFilesystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a peers run does: on which dataset, in which directory (its disk is the one measured), how many runs of each
 * side after how many warm-ups, which groups, whether quick (small inputs, few cases: a smoke test), where the report
 * goes, and the {@link Inputs} that replace the dataset's defaults.
 */
public record PeersOptions(
        String dataset, Path dir, int runs, int warmups, Set<Group> only, boolean quick, Path out, Inputs inputs) {

    public PeersOptions {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be 1 or more, not " + runs);
        }
        if (warmups < 0) {
            throw new IllegalArgumentException("--warmups must be 0 or more, not " + warmups);
        }
        if (dataset == null || dataset.isBlank() || dir == null || out == null || inputs == null) {
            throw new IllegalArgumentException("a peers run needs a dataset, a directory and an output directory");
        }
        only = only == null || only.isEmpty() ? Set.of(Group.values()) : Set.copyOf(only);
    }

    /** A run on the dataset's own inputs. */
    public PeersOptions(String dataset, Path dir, int runs, int warmups, Set<Group> only, boolean quick, Path out) {
        this(dataset, dir, runs, warmups, only, quick, out, Inputs.DATASET);
    }

    /**
     * What replaces the dataset's defaults: {@code layer}, a layer blob (tar, tar+gzip or tar+zstd) for the
     * decompress, unpack and start-up groups instead of the dataset's largest layer; {@code image}, an OCI layout for
     * the unpack and layout groups instead of the dataset's, and {@code ref}, the image in it (default: the first);
     * {@code containers}, how many the layout group creates per run (default 10, 2 with --quick); {@code fs}, a
     * filesystem made in a loop file of {@code fsSizeGiB} under the directory for the run (mkfs defaults: an ext4 with
     * its journal), removed after; empty for the directory's own.
     */
    public record Inputs(
            Optional<Path> layer,
            Optional<Path> image,
            Optional<String> ref,
            OptionalInt containers,
            Optional<LoopFilesystem.Type> fs,
            int fsSizeGiB) {

        /** The dataset's own layer and image, 10 containers, the directory's filesystem. */
        public static final Inputs DATASET = new Inputs(
                Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), 8);

        public Inputs {
            if (layer == null || image == null || ref == null || containers == null || fs == null) {
                throw new IllegalArgumentException("peers inputs: use Optional.empty() for a default, not null");
            }
            if (containers.isPresent() && containers.getAsInt() < 1) {
                throw new IllegalArgumentException("--containers must be 1 or more, not " + containers.getAsInt());
            }
            if (fsSizeGiB < 1) {
                throw new IllegalArgumentException("--fs-size must be 1 GiB or more, not " + fsSizeGiB);
            }
        }
    }

    /** The groups to run, in the table's order. */
    public List<Group> groups() {
        return java.util.Arrays.stream(Group.values()).filter(only::contains).toList();
    }

    public Alternation alternation() {
        return new Alternation(warmups, runs);
    }

    /** Containers the layout group creates per run. */
    public int containers() {
        return inputs.containers().orElse(quick ? 2 : 10);
    }
}
