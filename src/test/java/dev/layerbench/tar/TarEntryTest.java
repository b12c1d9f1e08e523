package dev.layerbench.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.oci.Whiteouts;
import java.util.List;
import org.junit.jupiter.api.Test;

class TarEntryTest {

    @Test
    void file_normalisesPath() {
        assertEquals("etc/hosts", TarEntry.file("./etc/hosts", new byte[0]).path());
        assertEquals("etc", TarEntry.dir("/etc/").path());
    }

    @Test
    void new_rejectsEscapingOrEmptyPaths() {
        for (String bad : List.of("", "/", "a/../b", "..", "a//b", "./.")) {
            assertThrows(IllegalArgumentException.class, () -> TarEntry.file(bad, new byte[0]), bad);
        }
    }

    @Test
    void new_rejectsBadModeOwnerMtimeAndMisplacedContent() {
        TarEntry f = TarEntry.file("a", new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> f.withMode(010000));
        assertThrows(IllegalArgumentException.class, () -> f.withOwner(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> f.withMtime(-5));
        assertThrows(
                IllegalArgumentException.class,
                () -> new TarEntry(EntryType.DIRECTORY, "d", 0755, 0, 0, 0, Content.of(new byte[1]), "", null));
        assertThrows(
                IllegalArgumentException.class,
                () -> new TarEntry(EntryType.SYMLINK, "l", 0777, 0, 0, 0, Content.EMPTY, "", null));
        assertThrows(IllegalArgumentException.class, () -> f.withXattr("a=b", "v"));
    }

    @Test
    void whiteout_namesFollowLayerSpec() {
        assertEquals("etc/.wh.passwd", TarEntry.whiteout("etc/passwd").path());
        assertEquals(".wh.top", TarEntry.whiteout("top").path());
        assertEquals(
                "usr/share/doc/.wh..wh..opq", TarEntry.opaque("usr/share/doc").path());
        assertTrue(Whiteouts.isWhiteout(TarEntry.whiteout("a/b").path()));
        assertTrue(Whiteouts.isOpaque(TarEntry.opaque("a").path()));
    }

    @Test
    void withXattr_keepsNamesSorted() {
        TarEntry e = TarEntry.file("a", new byte[0]).withXattr("user.z", "1").withXattr("security.a", "2");
        assertEquals(List.of("security.a", "user.z"), List.copyOf(e.xattrs().keySet()));
    }
}
