package dev.layerbench.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PosixAclTest {

    /** What the kernel holds for {@code setfacl -m u:1234:rw,g:55:r} on a 0644 file ({@code getfattr -e hex}). */
    static final String FILE_ACL =
            "0200000001000600ffffffff02000600d204000004000400ffffffff080004003700000010000600ffffffff"
                    + "20000400ffffffff";

    private static String hex(String text) {
        return HexFormat.of().formatHex(PosixAcl.fromText(text));
    }

    @Test
    void fromText_gnuTarLines_giveTheKernelsBytes() {
        assertEquals(FILE_ACL, hex("user::rw-\nuser:1234:rw-\ngroup::r--\ngroup:55:r--\nmask::rw-\nother::r--\n"));
    }

    @Test
    void fromText_bsdtarCommasInAnyOrder_giveTheSameBytes() {
        assertEquals(FILE_ACL, hex("user::rw-,group::r--,other::r--,user:1234:rw-,group:55:r--,mask::rw-"));
    }

    @Test
    void fromText_namesWithTheirNumericId_useTheId() {
        assertEquals(FILE_ACL, hex("user::rw-,user:alice:rw-:1234,group::r--,group:staff:r--:55,mask::rw-,other::r--"));
    }

    @Test
    void fromText_effectiveComments_andShortMaskAndOther_areRead() {
        assertEquals(FILE_ACL, hex("user::rw-\nuser:1234:rw-\t#effective:rw-\ngroup::r--\ngroup:55:r--\nm:rw-\no:r--"));
    }

    @Test
    void fromText_namedEntriesWithoutMask_getTheUnionAsMask() {
        assertEquals(FILE_ACL, hex("u::rw-,u:1234:rw-,g::r--,g:55:r--,o:r--"));
    }

    @Test
    void fromText_nameWithoutId_orMissingEntries_areRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> PosixAcl.fromText("user::rw-,user:alice:rw-,group::r--,mask::rw-,other::r--"));
        assertTrue(e.getMessage().contains("numeric id"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PosixAcl.fromText("user::rw-,other::r--"));
        assertThrows(IllegalArgumentException.class, () -> PosixAcl.fromText("user::rwz,group::r--,other::r--"));
        assertThrows(IllegalArgumentException.class, () -> PosixAcl.fromText("owner::rw-,group::r--,other::r--"));
    }
}
