package dev.layerbench.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LayerPathsTest {

    /** The rule of umoci's CleanPath, with the root as "" and no leading slash. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "a/b|a/b", "./a/b|a/b", "/a/b|a/b", "a/b/|a/b", "a//b|a/b", "a/./b|a/b", "a/../b|b", "../../etc|etc",
                "/../x/..|''", "./|''", ".|''", "''|''", "//|''", "a/b/../../..|''", "./a/.wh.b|a/.wh.b", "a/..b|a/..b"
            })
    void clean_followsTheOneRule(String name, String clean) {
        assertEquals(clean, LayerPaths.clean(name));
        assertEquals(clean.isEmpty() ? List.of() : List.of(clean.split("/")), LayerPaths.components(name));
    }

    @Test
    void clean_cleanName_isReturnedAsIs() {
        String name = "usr/lib/x";
        assertSame(name, LayerPaths.clean(name));
    }

    /** Every name over {a, ., /} up to 6 characters: isClean (with its fast path) says exactly whether clean keeps it. */
    @Test
    void isClean_agreesWithCleanOnEveryShortName() {
        char[] alphabet = {'a', '.', '/'};
        int checked = 0;
        for (int len = 0; len <= 6; len++) {
            int count = (int) Math.pow(3, len);
            for (int code = 0; code < count; code++) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0, c = code; i < len; i++, c /= 3) {
                    sb.append(alphabet[c % 3]);
                }
                String name = sb.toString();
                assertEquals(
                        String.join("/", LayerPaths.components(name)).equals(name), LayerPaths.isClean(name), name);
                checked++;
            }
        }
        assertEquals(1093, checked);
    }

    @Test
    void strict_acceptsOnlyCleanNonRootNames() {
        assertEquals("a/b", LayerPaths.strict("./a/b/"));
        assertEquals("a/b", LayerPaths.strict("/a/b"));
        for (String bad : new String[] {"", "./", "a/../b", "a//b", "a/./b", "..", "a/\0b"}) {
            assertThrows(IllegalArgumentException.class, () -> LayerPaths.strict(bad), bad);
        }
    }

    @Test
    void parentAndBaseName_splitAtTheLastSlash() {
        assertEquals("a/b", LayerPaths.parent("a/b/c"));
        assertEquals("", LayerPaths.parent("a"));
        assertEquals("c", LayerPaths.baseName("a/b/c/"));
        assertEquals("a", LayerPaths.baseName("a"));
        assertEquals("x", LayerPaths.join("", "x"));
        assertEquals("d/x", LayerPaths.join("d", "x"));
    }

    @Test
    void whiteouts_onePredicatePerMeaning() {
        assertTrue(Whiteouts.isWhiteout("./etc/.wh.x"));
        assertFalse(Whiteouts.isWhiteout("a/.wh..wh..opq"));
        assertFalse(Whiteouts.isWhiteout("a/b.wh.c"));
        assertFalse(Whiteouts.isWhiteout("./"));
        assertTrue(Whiteouts.isOpaque("a/.wh..wh..opq/"));
        assertTrue(Whiteouts.isReserved("a/.wh..wh.plnk"));
        assertFalse(Whiteouts.isReserved("a/.wh..wh..opq"));
        assertTrue(Whiteouts.isMarker("a/.wh..wh.plnk")
                && Whiteouts.isMarker("a/.wh..wh..opq")
                && Whiteouts.isMarker(".wh.x"));
        assertEquals("passwd", Whiteouts.removedName("etc/.wh.passwd"));
        assertEquals("etc/.wh.passwd", Whiteouts.whiteoutFor("./etc/passwd"));
        assertEquals("a/b/.wh..wh..opq", Whiteouts.opaqueMarkerIn("a/b/"));
    }
}
