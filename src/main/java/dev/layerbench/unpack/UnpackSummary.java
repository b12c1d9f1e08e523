package dev.layerbench.unpack;

import dev.layerbench.digest.Digest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an unpack did.
 *
 * @param target           the directory unpacked into
 * @param layers           layers applied
 * @param entries          tar entries read
 * @param bytes            uncompressed tar bytes read (the MB/s figure is of these)
 * @param compressedBytes  blob bytes read
 * @param seconds          wall time from first byte to the rename into place
 * @param skipped          entries or attributes left out, by reason
 * @param ownersNotApplied entries whose non-root owner was not set (not running as root)
 * @param diffIds          the diff_id of each layer as computed (verified when the image named one)
 */
public record UnpackSummary(
        String target,
        int layers,
        long entries,
        long bytes,
        long compressedBytes,
        double seconds,
        Map<String, Long> skipped,
        long ownersNotApplied,
        List<Digest> diffIds) {

    public UnpackSummary {
        skipped = Map.copyOf(skipped);
        diffIds = List.copyOf(diffIds);
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Uncompressed megabytes (10^6 bytes) per second. */
    public double megabytesPerSecond() {
        return seconds > 0 ? bytes / 1e6 / seconds : 0;
    }

    public double entriesPerSecond() {
        return seconds > 0 ? entries / seconds : 0;
    }

    /** One line, as the unpack tool prints it. */
    public String line() {
        String skips = skippedTotal() == 0
                ? "0 skipped"
                : skippedTotal() + " skipped ("
                        + skipped.entrySet().stream()
                                .map(e -> e.getValue() + " " + e.getKey())
                                .collect(Collectors.joining(", "))
                        + ")";
        String owners = ownersNotApplied == 0 ? "" : ", " + ownersNotApplied + " owners not applied (not root)";
        return String.format(
                Locale.ROOT,
                "unpacked %d layer%s into %s: %d entries, %d bytes, %.3f s, %.1f MB/s, %s%s",
                layers,
                layers == 1 ? "" : "s",
                target,
                entries,
                bytes,
                seconds,
                megabytesPerSecond(),
                skips,
                owners);
    }
}
