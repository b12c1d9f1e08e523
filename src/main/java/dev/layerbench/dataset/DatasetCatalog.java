package dev.layerbench.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The dataset manifests the jar carries: every {@code datasets/*.json} of the repository, packaged as resources under
 * {@value #RESOURCE_DIR}, in name order.
 */
public final class DatasetCatalog {

    /** Where the build puts {@code datasets/*.json} in the jar. */
    public static final String RESOURCE_DIR = "datasets";

    private final List<DatasetManifest> manifests;

    private DatasetCatalog(List<DatasetManifest> manifests) {
        this.manifests = List.copyOf(manifests);
    }

    /** The catalog packaged with the code. */
    public static DatasetCatalog load() throws IOException {
        URL url = DatasetCatalog.class.getClassLoader().getResource(RESOURCE_DIR);
        if (url == null) {
            throw new DatasetException(
                    "no " + RESOURCE_DIR + "/ resources on the class path (the build packages datasets/*.json)");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return of(fs.getPath(RESOURCE_DIR));
            }
            return of(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new DatasetException(url + ": cannot list dataset manifests: " + e.getMessage());
        }
    }

    /** The manifests of a directory ({@code *.json}, by name). */
    public static DatasetCatalog of(Path dir) throws IOException {
        List<DatasetManifest> list = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            DatasetManifest m;
            try (InputStream in = Files.newInputStream(f)) {
                m = DatasetManifest.read(in, f.toString());
            }
            String expected = f.getFileName().toString().replaceAll("\\.json$", "");
            if (!m.name().equals(expected)) {
                throw new DatasetException(
                        f + ": names dataset \"" + m.name() + "\"; the file must be " + m.name() + ".json");
            }
            list.add(m);
        }
        return new DatasetCatalog(list);
    }

    public List<DatasetManifest> all() {
        return manifests;
    }

    public Optional<DatasetManifest> find(String name) {
        return manifests.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The manifest named {@code name}; fails with one line listing the names there are. */
    public DatasetManifest get(String name) throws DatasetException {
        return find(name)
                .orElseThrow(() -> new DatasetException("no dataset named \"" + name + "\" (there are: "
                        + String.join(
                                ", ",
                                manifests.stream().map(DatasetManifest::name).toList()) + ")"));
    }
}
