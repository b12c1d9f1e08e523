package dev.layerbench.store;

/** What a garbage collection removed. */
public record GcResult(int blobsKept, int blobsRemoved, long bytesRemoved) {
}
