package dev.layerbench.store;

/** Whether reading a blob checks its bytes against its digest at end of stream. */
public enum Verification {
    /** Hash while reading; a mismatch fails the read that reaches the end. */
    VERIFY,
    /** Trust the name: the store only ever renames verified content into place. */
    TRUST
}
