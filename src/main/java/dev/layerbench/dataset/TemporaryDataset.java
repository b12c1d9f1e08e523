package dev.layerbench.dataset;

import dev.layerbench.fs.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A dataset built into a fresh temporary directory and deleted on {@link #close()}: the default benchmark input,
 * built on the fly on the disk the benchmarks run on.
 */
public final class TemporaryDataset implements AutoCloseable {

    private final Path dir;
    private final BuiltDataset dataset;

    private TemporaryDataset(Path dir, BuiltDataset dataset) {
        this.dir = dir;
        this.dataset = dataset;
    }

    /** Builds {@code manifest} (synthetic: no network) under a new temp directory inside {@code parent}, verified. */
    public static TemporaryDataset create(DatasetManifest manifest, Path parent) throws IOException {
        if (manifest.kind() != DatasetKind.synthetic) {
            throw new DatasetException(manifest.name() + ": only synthetic datasets are built on the fly");
        }
        Path dir = Files.createTempDirectory(parent, ".layerbench-dataset-");
        try {
            BuiltDataset built = Datasets.build(manifest, dir.resolve(manifest.name()), BuildOptions.quiet());
            Datasets.verify(built);
            return new TemporaryDataset(dir, built);
        } catch (IOException | RuntimeException e) {
            Trees.delete(dir);
            throw e;
        }
    }

    public BuiltDataset dataset() {
        return dataset;
    }

    /** The dataset's OCI layout. */
    public Path root() {
        return dataset.root();
    }

    @Override
    public void close() throws IOException {
        Trees.delete(dir);
    }
}
