package dev.layerbench.container;

import dev.layerbench.unpack.WhiteoutForm;

/**
 * How a {@link Container} writes its upper layer.
 *
 * @param copyUp     how data is copied up
 * @param whiteouts  how deletions are recorded
 * @param durability whether each copy-up and write is fsynced before the call returns
 */
public record ContainerOptions(CopyUp copyUp, WhiteoutForm whiteouts, Durability durability) {

    /** Whether writes reach the disk before returning. */
    public enum Durability {
        /** Leave it to the page cache. */
        NONE,
        /** fsync the file (the kernel's overlay copy-up does so too, unless mounted volatile). */
        FSYNC
    }

    public ContainerOptions {
        if (copyUp == null || whiteouts == null || durability == null) {
            throw new IllegalArgumentException("container options need copyUp, whiteouts and durability");
        }
    }

    /** JDK copy, the whiteout form this process can write, no fsync. */
    public static ContainerOptions defaults() {
        return new ContainerOptions(CopyUp.JDK, WhiteoutForm.forThisProcess(), Durability.NONE);
    }

    public ContainerOptions with(CopyUp c) {
        return new ContainerOptions(c, whiteouts, durability);
    }

    public ContainerOptions with(WhiteoutForm w) {
        return new ContainerOptions(copyUp, w, durability);
    }

    public ContainerOptions with(Durability d) {
        return new ContainerOptions(copyUp, whiteouts, d);
    }
}
