package dev.layerbench.unpack;

import dev.layerbench.fs.Errno;
import dev.layerbench.fs.FileCalls;
import dev.layerbench.fs.Posix;
import dev.layerbench.fs.PosixException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a file, directory or symlink made below an unpack's root has without a chown or chmod: this process's owner,
 * unless the root is owned otherwise or has the set-group-id bit (new entries then take its group: owner and group are
 * then both unknown); and the mode asked for less the umask, unless the root has a default ACL (the ACL decides then),
 * a layer sets an ACL ({@link #withoutModes}) or the umask cannot be read. What is {@link #UNKNOWN} is always set
 * explicitly. Directories keep the attributes {@code mkdir} gave them until the end of an unpack, so what holds for
 * the root holds below it.
 *
 * @param uid   the owner of a new entry, or {@link #UNKNOWN}
 * @param gid   its group, or {@link #UNKNOWN}
 * @param umask the creation mask applied to a new entry's mode, or {@link #UNKNOWN}
 */
record NewFiles(int uid, int gid, int umask) {

    static final int UNKNOWN = -1;
    /** Nothing assumed: every owner and mode is set explicitly. */
    static final NewFiles NOTHING_KNOWN = new NewFiles(UNKNOWN, UNKNOWN, UNKNOWN);
    /** The xattr holding a directory's default ACL (acl(5)). */
    static final String DEFAULT_ACL_XATTR = "system.posix_acl_default";

    /**
     * What entries made below {@code root} get. With {@link FileCalls#JDK} the umask is left {@link #UNKNOWN} (every
     * mode set explicitly) rather than asked whether the root has a default ACL, which only a native call can read.
     */
    static NewFiles below(Path root, FileCalls calls) {
        int uid = Posix.geteuid();
        int gid = Posix.getegid();
        boolean ownerKnown;
        try {
            Map<String, Object> a = Files.readAttributes(root, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
            ownerKnown = ((Integer) a.get("mode") & 02000) == 0
                    && (Integer) a.get("uid") == uid
                    && (Integer) a.get("gid") == gid;
        } catch (IOException | RuntimeException e) {
            ownerKnown = false;
        }
        boolean acl = true;
        if (calls == FileCalls.POSIX) {
            try {
                acl = Posix.lgetxattr(root, DEFAULT_ACL_XATTR).isPresent();
            } catch (PosixException e) {
                acl = !Errno.unsupported(e.errno());
            }
        }
        return new NewFiles(ownerKnown ? uid : UNKNOWN, ownerKnown ? gid : UNKNOWN, acl ? UNKNOWN : Posix.umask());
    }

    /** The same, with modes no longer assumed (a layer set an ACL on something). */
    NewFiles withoutModes() {
        return new NewFiles(uid, gid, UNKNOWN);
    }

    /** Whether a new entry already has this owner and group. */
    boolean owned(int entryUid, int entryGid) {
        return uid != UNKNOWN && gid != UNKNOWN && entryUid == uid && entryGid == gid;
    }

    /** Whether a file created with {@code mode} gets exactly that mode (no set-id or sticky bit, nothing masked). */
    boolean keeps(int mode) {
        return umask != UNKNOWN && (mode & 07000) == 0 && (mode & umask) == 0;
    }

    /**
     * Whether a directory made with {@code mkdir} (0777 less the umask) has {@code mode} already; never below a
     * set-group-id root, whose bit new directories inherit.
     */
    boolean directoryHas(int mode) {
        return umask != UNKNOWN && gid != UNKNOWN && mode == (0777 & ~umask);
    }
}
