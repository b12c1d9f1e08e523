package dev.layerbench.dataset;

import dev.layerbench.oci.Whiteouts;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What a layer tar holds, counted by reading it.
 *
 * @param files     regular files and hard links, not counting whiteouts
 * @param whiteouts whiteouts and opaque markers
 * @param entries   every entry
 */
record LayerStats(int files, int whiteouts, int entries) {

    /** Counts the entries of an uncompressed tar, reading it to its end. */
    static LayerStats of(InputStream tar, String where) throws IOException {
        int files = 0;
        int whiteouts = 0;
        int entries = 0;
        try {
            TarArchiveInputStream in = new TarArchiveInputStream(tar);
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                entries++;
                if (Whiteouts.isWhiteout(e.getName())) {
                    whiteouts++;
                } else if (e.isFile() || e.isLink()) {
                    files++;
                }
            }
            tar.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IllegalArgumentException e) {
            throw new DatasetException(where + ": bad tar entry: " + e.getMessage());
        }
        return new LayerStats(files, whiteouts, entries);
    }
}
