package dev.layerbench.union;

/** How a {@link UnionView} finds paths. */
public enum Lookup {
    /** Merged directory index, built lazily per directory and shared between stacks: cost independent of depth. */
    INDEXED,
    /** Top-down walk over the layer directories on every call: cost grows with depth. */
    NAIVE
}
