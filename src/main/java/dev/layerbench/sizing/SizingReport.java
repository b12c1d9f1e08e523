package dev.layerbench.sizing;

import java.util.List;

/**
 * What a fleet takes on disk. Bytes are allocated bytes as the {@link Filesystem} model says (each inode once);
 * ratios are plain doubles.
 *
 * @param fs         the filesystem modelled
 * @param workload   what each container did
 * @param containers containers in the fleet
 * @param layouts    one row per {@link FleetLayout}, in enum order
 * @param images     one row per fleet image, in the order given
 * @param dedup      dedup ratios over the images' layers (each image once)
 * @param copyUp     what the workload copied up under overlayfs
 * @param stats      what the sizing read and kept
 */
public record SizingReport(
        Filesystem fs,
        Workload workload,
        long containers,
        List<LayoutSize> layouts,
        List<ImageSize> images,
        Dedup dedup,
        CopyUp copyUp,
        Stats stats) {

    public SizingReport {
        layouts = List.copyOf(layouts);
        images = List.copyOf(images);
    }

    /**
     * One layout: totals, and the model behind them: {@code bytes = fixedBytes + sum(containers[i] *
     * perContainerBytes[i])} over images i (likewise inodes), so the total for other container counts is one sum.
     *
     * @param fixedBytes        what the layout holds whatever the container count (layer directories, content store)
     * @param perContainerBytes what one more container of image i adds, aligned with {@link #images()}
     */
    public record LayoutSize(
            FleetLayout layout,
            long bytes,
            long inodes,
            double bytesPerContainer,
            long fixedBytes,
            long fixedInodes,
            List<Long> perContainerBytes,
            List<Long> perContainerInodes) {

        public LayoutSize {
            perContainerBytes = List.copyOf(perContainerBytes);
            perContainerInodes = List.copyOf(perContainerInodes);
        }

        /** Total bytes for {@code counts[i]} containers of image i. */
        public long bytesFor(int[] counts) {
            long total = fixedBytes;
            for (int i = 0; i < counts.length; i++) {
                total += counts[i] * perContainerBytes.get(i);
            }
            return total;
        }
    }

    /**
     * One image, sizes as {@code docker system df -v} defines them: a layer's size is its files' content bytes; SHARED
     * is the size of the layers (by chain ID) that other images of the fleet also use, UNIQUE the rest.
     *
     * @param sizeBytes   SHARED + UNIQUE
     * @param wastedBytes what later layers overwrite or delete, as dive counts it
     */
    public record ImageSize(
            String ref,
            int containers,
            long sizeBytes,
            long sharedBytes,
            long uniqueBytes,
            long wastedBytes,
            int layers,
            long files) {}

    /**
     * Dedup ratios: the images' layer content (each image once) over what each level stores: distinct layers, distinct
     * file contents, distinct content-defined chunks.
     */
    public record Dedup(
            double layer,
            double file,
            double chunk,
            long logicalBytes,
            long layerBytes,
            long fileBytes,
            long chunkBytes) {}

    /**
     * Overlayfs copy-up for the workload, over the fleet: bytes of lower files copied into upper layers, bytes the
     * containers wrote, and their ratio (bytes copied up per byte written; 0 when nothing was written).
     */
    public record CopyUp(long copiedUpBytes, long writtenBytes, double amplification) {}

    /**
     * @param distinctLayers   layer summaries used
     * @param distinctImages   distinct layer stacks flattened
     * @param layerEntries     entries over the distinct layers (what memory grows with)
     * @param distinctContents distinct file contents in the flattened images
     * @param distinctChunks   distinct chunks in the flattened images
     * @param seconds          time the sizing took (summaries already loaded)
     */
    public record Stats(
            int distinctLayers,
            int distinctImages,
            long layerEntries,
            long distinctContents,
            long distinctChunks,
            double seconds) {}

    /** The row of one layout. */
    public LayoutSize layout(FleetLayout l) {
        return layouts.stream().filter(s -> s.layout() == l).findFirst().orElseThrow();
    }
}
