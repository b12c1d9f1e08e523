/**
 * Storage sizing for fleets: how many bytes and inodes N containers of M images take on disk, per storage layout
 * ({@code shared} layer directories under overlayfs, {@code flat} copies, {@code file-dedup} hard links, and a
 * {@code chunk-dedup} lower bound), predicted from per-layer summaries instead of unpacking anything.
 *
 * <p>A {@link dev.layerbench.sizing.LayerSummary} lists every entry of a layer tar (path, kind, size, content
 * sha256, link target, mode, content-defined chunks); it is made once per layer by streaming the tar and cached by
 * diff_id ({@link dev.layerbench.sizing.SummaryCache}). {@link dev.layerbench.sizing.FleetSizer} turns summaries, a
 * {@link dev.layerbench.sizing.Workload} and a {@link dev.layerbench.sizing.Filesystem} model into a
 * {@link dev.layerbench.sizing.SizingReport}.
 *
 * <p>The {@code size} tool (cli) drives it; {@link dev.layerbench.sizing.SummaryExport} writes a fleet's summaries
 * for DuckDB or Spark (Parquet, {@link dev.layerbench.sizing.SummaryParquet}), and {@code sql/sizing.sql} computes the
 * same report there (SizingSqlTest checks every figure equal). The model is validated
 * against the layouts of {@code dev.layerbench.layout} on ext4, XFS and btrfs (SizingValidationTest).
 *
 * <p>Layer semantics follow the OCI image-spec
 * (<a href="https://github.com/opencontainers/image-spec/blob/main/layer.md">layer.md</a>: whiteouts, opaque
 * directories); SHARED and UNIQUE sizes follow {@code docker system df -v}
 * (<a href="https://docs.docker.com/reference/cli/docker/system/df/">docker system df</a>); wasted bytes follow
 * dive's image efficiency (<a href="https://github.com/wagoodman/dive">dive</a>).
 */
package dev.layerbench.sizing;
