package dev.layerbench.dataset;

import dev.layerbench.codec.Compression;

/**
 * What the synthetic generator builds. Every field is validated; {@link #defaults()} follows the Docker Hub figures
 * of Zhao et al. (CLUSTER 2019) where they exist, and says where a value is our own choice.
 *
 * @param seed            seeds every random choice; same seed and parameters, same bytes
 * @param images          how many images
 * @param sharedLayers    how many bottom layers every image shares (the common base), {@code <= depth}
 * @param depth           layers per image
 * @param filesPerLayer   regular files each layer writes (new paths plus rewrites)
 * @param medianFileSize  median file size in bytes (sizes are log-normal)
 * @param fileSizeSigma   sigma of the log-normal size distribution (0 gives every file the median size)
 * @param maxFileSize     sizes are capped here
 * @param dirFanout       subdirectories per directory
 * @param dirDepth        levels of directories below the root
 * @param rewriteShare    share of an upper layer's files that rewrite a path already visible below
 * @param deleteShare     whiteouts an upper layer writes, as a share of {@code filesPerLayer}
 * @param opaqueDirs      directories each upper layer makes opaque ({@code .wh..wh..opq}) and refills with one file
 * @param duplicateShare  share of files whose content comes from a pool shared by all layers and images
 * @param compressibility share of each file's bytes taken from a small fixed dictionary (the rest is random)
 * @param compression     how layer blobs are stored
 */
public record SyntheticParameters(
        long seed,
        int images,
        int sharedLayers,
        int depth,
        int filesPerLayer,
        long medianFileSize,
        double fileSizeSigma,
        long maxFileSize,
        int dirFanout,
        int dirDepth,
        double rewriteShare,
        double deleteShare,
        int opaqueDirs,
        double duplicateShare,
        double compressibility,
        Compression compression) {

    /** Files in the median Docker Hub image (Zhao et al. 2019). */
    public static final int HUB_MEDIAN_IMAGE_FILES = 1090;
    /** Uncompressed bytes of the median Docker Hub image, about 94 MB (Zhao et al. 2019). */
    public static final long HUB_MEDIAN_IMAGE_BYTES = 94_000_000L;

    public SyntheticParameters {
        require(images >= 1 && images <= 1000, "images must be 1..1000, got " + images);
        require(depth >= 1 && depth <= 500, "depth must be 1..500, got " + depth);
        require(
                sharedLayers >= 0 && sharedLayers <= depth,
                "sharedLayers must be 0..depth (" + depth + "), got " + sharedLayers);
        require(
                filesPerLayer >= 0 && filesPerLayer <= 1_000_000,
                "filesPerLayer must be 0..1000000, got " + filesPerLayer);
        require(maxFileSize >= 0 && maxFileSize <= (1L << 34), "maxFileSize must be 0..16 GiB, got " + maxFileSize);
        require(
                medianFileSize >= 0 && medianFileSize <= maxFileSize,
                "medianFileSize must be 0..maxFileSize (" + maxFileSize + "), got " + medianFileSize);
        require(fileSizeSigma >= 0 && fileSizeSigma <= 5, "fileSizeSigma must be 0..5, got " + fileSizeSigma);
        require(dirFanout >= 1 && dirFanout <= 1000, "dirFanout must be 1..1000, got " + dirFanout);
        require(dirDepth >= 0 && dirDepth <= 32, "dirDepth must be 0..32, got " + dirDepth);
        require(Math.pow(dirFanout, dirDepth) <= 1_000_000, "dirFanout^dirDepth must be at most 1000000 directories");
        requireShare(rewriteShare, "rewriteShare");
        requireShare(deleteShare, "deleteShare");
        requireShare(duplicateShare, "duplicateShare");
        requireShare(compressibility, "compressibility");
        require(opaqueDirs >= 0 && opaqueDirs <= 1000, "opaqueDirs must be 0..1000, got " + opaqueDirs);
        require(compression != null, "compression is required (none, gzip or zstd)");
    }

    /**
     * The generator's defaults: one image of 8 layers (our choice) with the hub's median file count (1,090, so
     * {@code filesPerLayer} 136) and about its median uncompressed size (log-normal sizes, median 8 KiB, sigma 2.3:
     * heavy-tailed, so a sample of 1,090 files typically sums to 70 to 95 MB); a 3-layer shared base; 5% rewrites, 2%
     * deletes, one opaque directory per upper layer, 30% pooled content, content compressing about 3 times with gzip
     * so that the median layer stays under 4 MB stored. Only the file count, image size and layer size come from the
     * paper.
     */
    public static SyntheticParameters defaults() {
        return new SyntheticParameters(
                1L,
                1,
                3,
                8,
                HUB_MEDIAN_IMAGE_FILES / 8,
                8192,
                2.3,
                64L << 20,
                4,
                3,
                0.05,
                0.02,
                1,
                0.30,
                0.75,
                Compression.GZIP);
    }

    public SyntheticParameters withSeed(long s) {
        return new SyntheticParameters(
                s,
                images,
                sharedLayers,
                depth,
                filesPerLayer,
                medianFileSize,
                fileSizeSigma,
                maxFileSize,
                dirFanout,
                dirDepth,
                rewriteShare,
                deleteShare,
                opaqueDirs,
                duplicateShare,
                compressibility,
                compression);
    }

    public SyntheticParameters withShape(int imageCount, int shared, int layers, int files) {
        return new SyntheticParameters(
                seed,
                imageCount,
                shared,
                layers,
                files,
                medianFileSize,
                fileSizeSigma,
                maxFileSize,
                dirFanout,
                dirDepth,
                rewriteShare,
                deleteShare,
                opaqueDirs,
                duplicateShare,
                compressibility,
                compression);
    }

    public SyntheticParameters withCompression(Compression c) {
        return new SyntheticParameters(
                seed,
                images,
                sharedLayers,
                depth,
                filesPerLayer,
                medianFileSize,
                fileSizeSigma,
                maxFileSize,
                dirFanout,
                dirDepth,
                rewriteShare,
                deleteShare,
                opaqueDirs,
                duplicateShare,
                compressibility,
                c);
    }

    /** How many distinct layers a build writes: the shared ones once, then each image's own. */
    public int distinctLayers() {
        return sharedLayers + images * (depth - sharedLayers);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("synthetic parameters: " + message);
        }
    }

    private static void requireShare(double share, String name) {
        require(share >= 0 && share <= 1 && !Double.isNaN(share), name + " must be 0..1, got " + share);
    }
}
