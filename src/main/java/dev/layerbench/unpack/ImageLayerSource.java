package dev.layerbench.unpack;

import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.layer.LayerStream;
import java.io.IOException;

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
    public LayerStream open() throws IOException {
        return archive.openUncompressed(layer);
    }
}
