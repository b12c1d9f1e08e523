package dev.layerbench.unpack;

import dev.layerbench.digest.Digest;
import dev.layerbench.layer.LayerCheck;
import dev.layerbench.layer.LayerStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A layer blob file (tar, tar+gzip or tar+zstd, recognised by its magic bytes), with the digest and diff_id it must
 * have when they are known: both are computed while it is read through {@link LayerStream}, and checked at its end.
 */
public record LayerBlob(Path file, Optional<Digest> digest, Optional<Digest> diffId) implements LayerSource {

    public LayerBlob {
        if (file == null || digest == null || diffId == null) {
            throw new IllegalArgumentException("a layer blob needs a file; digests may be empty, not null");
        }
    }

    /** A blob whose digests are computed and reported, not checked. */
    public static LayerBlob of(Path file) {
        return new LayerBlob(file, Optional.empty(), Optional.empty());
    }

    @Override
    public String where() {
        return file.toString();
    }

    @Override
    public long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public LayerStream open() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw Files.exists(file)
                    ? new UnpackException(file + ": not a regular file")
                    : new NoSuchFileException(file.toString());
        }
        LayerCheck check = LayerCheck.of(file.toString()).withDigest(digest).withDiffId(diffId);
        return LayerStream.open(Files.newInputStream(file), check);
    }
}
