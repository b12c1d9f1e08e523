/**
 * Looking after a whole store, for the people who run it: the blob store ({@code blobs/}, {@code index.json}), the
 * per-layer directories ({@code layers/}) and the layer summaries ({@code summaries/}) together, as the {@code store}
 * tool shows them: {@link dev.layerbench.maintenance.StoreContents} (the tagged images, their layers and sizes),
 * {@link dev.layerbench.maintenance.StoreUsage} (bytes and inodes per kind, as {@code docker system df}),
 * {@link dev.layerbench.maintenance.StoreCheck} (re-hash every blob, every layer directory complete) and
 * {@link dev.layerbench.maintenance.StoreGc} (remove what no tagged image and no live lease uses).
 *
 * <p>Sits above sizing, since it knows all three parts; nothing below imports it. Every operation first removes what
 * dead writers left ({@link dev.layerbench.maintenance.WholeStore#open}), never what a live one holds.
 */
package dev.layerbench.maintenance;
