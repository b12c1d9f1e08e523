package dev.layerbench.unpack;

import dev.layerbench.digest.Digest;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** One layer to apply: where it comes from, for messages and progress, and how to open it. */
interface LayerSource {

    /** Names the layer in messages: its file, and its index in an image. */
    String where();

    /** Compressed size, for progress. */
    long size();

    Opened open() throws IOException;

    /** An opened layer: its uncompressed tar, hashed (both sides) as it is read. */
    interface Opened extends Closeable {
        InputStream tar();

        long compressedCount();

        long uncompressedCount();

        /** Reads what is left of the blob, verifies both digests where they are known, and returns the diff_id. */
        Digest finish() throws IOException;
    }
}
