package dev.layerbench.results;

import java.awt.GraphicsEnvironment;
import org.junit.jupiter.api.Assumptions;

/** Plots draw text through the JDK's font stack: skip, saying what to install, where the machine has no fonts. */
public final class Fonts {

    private Fonts() {}

    public static void assumeAvailable() {
        System.setProperty("java.awt.headless", "true");
        boolean ok;
        try {
            ok = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames().length > 0;
        } catch (Throwable e) {
            ok = false;
        }
        Assumptions.assumeTrue(ok, "needs fonts for PNG plots: apt-get install fontconfig fonts-dejavu-core");
    }
}
