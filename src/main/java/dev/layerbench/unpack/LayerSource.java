package dev.layerbench.unpack;

import dev.layerbench.layer.LayerStream;
import java.io.IOException;

/** One layer to apply: where it comes from, for messages and progress, and how to open it as its checked tar. */
interface LayerSource {

    /** Names the layer in messages: its file, and its index in an image. */
    String where();

    /** Compressed size, for progress. */
    long size();

    /** The layer's tar, hashed (both sides) and checked as it is read. */
    LayerStream open() throws IOException;
}
