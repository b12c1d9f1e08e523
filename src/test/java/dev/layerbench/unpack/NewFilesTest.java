package dev.layerbench.unpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.fs.FileCalls;
import dev.layerbench.fs.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new entry has without chown and chmod, and when nothing may be assumed. */
class NewFilesTest {

    @TempDir
    Path tmp;

    @Test
    void keeps_onlyModesTheUmaskLeavesAlone() {
        NewFiles f = new NewFiles(0, 0, 022);
        assertTrue(f.keeps(0644));
        assertTrue(f.keeps(0755));
        assertTrue(f.keeps(0));
        assertFalse(f.keeps(0666), "the umask strips group and other write");
        assertFalse(f.keeps(04755), "set-id bits need a chmod after the chown");
        assertFalse(f.keeps(01777));
        assertFalse(f.withoutModes().keeps(0644));
        assertFalse(NewFiles.NOTHING_KNOWN.keeps(0644));
    }

    @Test
    void directoryHas_whatMkdirGives_notBelowASetGroupIdRoot() {
        assertTrue(new NewFiles(0, 0, 022).directoryHas(0755));
        assertFalse(new NewFiles(0, 0, 022).directoryHas(0700));
        assertFalse(new NewFiles(NewFiles.UNKNOWN, NewFiles.UNKNOWN, 022).directoryHas(0755));
    }

    @Test
    void owned_onlyWhenTheOwnerIsKnownAndTheSame() {
        assertTrue(new NewFiles(0, 0, 022).owned(0, 0));
        assertFalse(new NewFiles(0, 0, 022).owned(0, 1));
        assertFalse(NewFiles.NOTHING_KNOWN.owned(0, 0));
    }

    @Test
    void below_aPlainDirectory_isThisProcesssOwnerAndUmask() throws IOException {
        NewFiles f = NewFiles.below(Files.createDirectory(tmp.resolve("plain")), FileCalls.POSIX);
        assertEquals(Posix.geteuid(), f.uid());
        assertEquals(Posix.getegid(), f.gid());
        assertEquals(Posix.umask(), f.umask());
    }

    @Test
    void below_aSetGroupIdDirectory_knowsNoOwner() throws IOException {
        Path d = Files.createDirectory(tmp.resolve("sgid"));
        Files.setAttribute(d, "unix:mode", 02755);
        NewFiles f = NewFiles.below(d, FileCalls.POSIX);
        assertFalse(f.owned(Posix.geteuid(), Posix.getegid()));
        assertFalse(f.directoryHas(0755), "new directories inherit the set-group-id bit");
    }

    @Test
    void assumeNoModes_afterAnAcl_filesAreMadePrivateThenChmodded() throws IOException {
        EntryMeta plain = new EntryMeta(0644, 0, 0, 0, 0, Map.of());
        EntryMeta acl = new EntryMeta(0755, 0, 0, 0, 0, Map.of("system.posix_acl_default", new byte[] {2, 0, 0, 0}));
        assertFalse(plain.setsAcl());
        assertTrue(acl.setsAcl());
        try (FileWriters w =
                new FileWriters(0, UnpackOptions.Owners.SKIP, FileCalls.POSIX, new Skips(), new NewFiles(0, 0, 022))) {
            assertEquals(0644, w.createMode(plain));
            w.assumeNoModes();
            assertEquals(0600, w.createMode(plain), "made 0600, then fchmod'ed to the layer's mode");
        }
    }
}
