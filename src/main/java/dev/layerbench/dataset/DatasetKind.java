package dev.layerbench.dataset;

/** Where a dataset's bytes come from. */
public enum DatasetKind {
    /** Seeded generator: byte-identical on every build, must match its manifest exactly. */
    synthetic,
    /** Debian packages through debootstrap, apt-get and umoci: recorded on first build, may move with the archive. */
    real
}
