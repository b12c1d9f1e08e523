package dev.layerbench.unpack;

import dev.layerbench.digest.Digest;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.image.LayerInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A layer of an image read from its archive, checked against the manifest's digest and the config's diff_id. */
record ImageLayerSource(ImageArchive archive, Layer layer) implements LayerSource {

    @Override
    public String where() {
        return archive.describe(layer);
    }

    @Override
    public long size() {
        return layer.size();
    }

    @Override
    public Opened open() throws IOException {
        LayerInputStream in = archive.openUncompressed(layer);
        return new Opened() {
            @Override
            public InputStream tar() {
                return in;
            }

            @Override
            public long compressedCount() {
                return in.compressedCount();
            }

            @Override
            public long uncompressedCount() {
                return in.uncompressedCount();
            }

            @Override
            public Digest finish() throws IOException {
                in.verifyToEnd();
                return layer.diffId();
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
