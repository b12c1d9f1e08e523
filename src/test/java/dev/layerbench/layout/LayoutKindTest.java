package dev.layerbench.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LayoutKindTest {

    @Test
    void atLeast_comparesMajorThenMinor() {
        int[] v65 = {6, 5};
        assertTrue(LayoutKind.atLeast("6.18.44-fc-v669", v65));
        assertTrue(LayoutKind.atLeast("6.5.0", v65));
        assertTrue(LayoutKind.atLeast("7.0", v65));
        assertFalse(LayoutKind.atLeast("6.4.16-generic", v65));
        assertFalse(LayoutKind.atLeast("5.15.0", v65));
        assertFalse(LayoutKind.atLeast("unknown", v65));
    }

    @Test
    void ofLabel_composefsIsLabelledComposefsStyle() {
        assertEquals(LayoutKind.COMPOSEFS, LayoutKind.ofLabel("composefs"));
        assertEquals(LayoutKind.COMPOSEFS, LayoutKind.ofLabel("composefs-style"));
        assertEquals("composefs-style", LayoutKind.COMPOSEFS.label());
        assertEquals(LayoutKind.FUSE_OVERLAYFS, LayoutKind.ofLabel("fuse-overlayfs"));
        assertEquals(LayoutKind.EROFS, LayoutKind.ofLabel("erofs"));
    }

    @Test
    void unavailable_namesTheLayoutWhenItCannotRun() {
        for (LayoutKind k : LayoutKind.values()) {
            k.unavailable().ifPresent(why -> assertTrue(why.startsWith(k.label() + " needs "), why));
        }
    }
}
