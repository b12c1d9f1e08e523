package dev.layerbench.peers;

import java.util.Locale;
import java.util.function.Supplier;

/** The comparisons a run can make, in the table's order; {@code --only} names them in lower case. */
public enum Group {
    DIGEST(DigestGroup::new),
    DECOMPRESS(DecompressGroup::new),
    UNPACK(UnpackGroup::new),
    LOOKUP(LookupGroup::new),
    COPYUP(CopyUpGroup::new),
    LAYOUT(LayoutGroup::new),
    STARTUP(StartupGroup::new);

    private final Supplier<Comparisons> factory;

    Group(Supplier<Comparisons> factory) {
        this.factory = factory;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    Comparisons create() {
        return factory.get();
    }

    /** The group named {@code label}, or an IllegalArgumentException listing the names. */
    public static Group of(String label) {
        for (Group g : values()) {
            if (g.label().equals(label.strip().toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw new IllegalArgumentException("no group \"" + label.strip() + "\" (groups: "
                + String.join(
                        ", ",
                        java.util.Arrays.stream(values()).map(Group::label).toList()) + ")");
    }
}
