package dev.layerbench.sizing;

import dev.layerbench.digest.Digest;
import dev.layerbench.digest.Sha256;
import dev.layerbench.oci.EntryKind;
import dev.layerbench.oci.LayerPaths;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sizes a fleet from layer summaries: each distinct layer and each distinct layer stack is looked at once, so time
 * and memory grow with distinct layers, paths and contents, never with containers (a container count only multiplies).
 * What each layout holds, as the layouts of {@code dev.layerbench.layout} make them:
 * <ul>
 * <li>{@code shared}: {@code base/layers/sha256/<diff_id>/} per distinct layer (its entries, directories it implies,
 *     whiteouts as 0/0 devices, opaque markers as xattrs) and a {@code <diff_id>.whiteouts} file beside it; per
 *     container its upper directory: copied-up ancestors, modified files (whole file copied up), whiteouts, added
 *     files. (A kernel mount adds {@code work/}, {@code work/work/} and {@code merged/}: 3 more directories.)</li>
 * <li>{@code flat}: per container the flattened tree (hard links kept), modified in place, deleted files freed. With
 *     reflinks, file data is held once per image and a container adds its metadata and the blocks it writes.</li>
 * <li>{@code file-dedup}: {@code base/content/sha256/} with one inode per distinct (sha256, mode, uid, gid)
 *     (per sha256 with reflinks); per container its directories, symlinks and devices, regular files as hard links
 *     (reflinks: an inode each, no data); a modified file becomes a private copy.</li>
 * <li>{@code chunk-dedup}: distinct chunks' bytes (no block rounding) plus {@code file-dedup}'s metadata; a modified
 *     file adds only the bytes written. A lower bound for the image data.</li>
 * <li>{@code erofs}: per distinct layer {@code base/layers/sha256/<diff_id>.erofs} ({@link ErofsImageModel}), its
 *     {@code .whiteouts} form file and its {@code .lock} file; per container {@code shared}'s upper directory plus the
 *     kernel mount's directories (the container's own, {@code work/}, {@code work/work/}).</li>
 * <li>{@code composefs-style}: {@code base/objects/<2 hex>/<sha256>}, each non-empty file content once across every
 *     image (one inode per sha256, whatever its mode and owner), and per image {@code base/meta-<n>.erofs}, a metadata
 *     image as Debian's mkfs.erofs 1.5 writes it, zero chunks included; per container as {@code erofs}.</li>
 * </ul>
 */
public final class FleetSizer {

    private final Filesystem fs;
    private final Workload workload;

    public FleetSizer(Filesystem fs, Workload workload) {
        this.fs = fs;
        this.workload = workload;
    }

    /** Per-container and per-image facts of one distinct layer stack. */
    private record Facts(
            long shared,
            long sharedInodes,
            long flat,
            long flatInodes,
            long flatReflink,
            long dedup,
            long dedupInodes,
            long chunk,
            long copiedUp,
            long written,
            long wasted,
            long files,
            long flatData,
            long metadataImage) {}

    public SizingReport size(List<FleetImage> images) {
        long start = System.nanoTime();
        Map<Digest, LayerSummary> layers = new LinkedHashMap<>();
        for (FleetImage image : images) {
            for (LayerSummary l : image.layers()) {
                layers.putIfAbsent(l.diffId(), l);
            }
        }
        // fixed parts that come from the flattened images: content store and chunks
        Map<String, Long> pool = new HashMap<>();
        Map<String, Long> objects = new HashMap<>();
        LongSet chunks = new LongSet();
        long[] chunkBytes = {0};
        Map<List<Digest>, Facts> facts = new HashMap<>();
        // file entries whose content is in pool, objects and chunks already: a layer's entry in many stacks is one
        // object
        Set<SummaryEntry> pooled = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Facts> perImage = new ArrayList<>();
        for (FleetImage image : images) {
            List<Digest> key = image.layers().stream().map(LayerSummary::diffId).toList();
            Facts f = facts.get(key);
            if (f == null) {
                f = facts(ImageTree.of(image.layers()), pool, objects, chunks, chunkBytes, pooled);
                facts.put(key, f);
            }
            perImage.add(f);
        }

        long containers = 0;
        for (FleetImage image : images) {
            containers += image.containers();
        }

        // shared: layer directories
        long sharedFixed = 0;
        long sharedFixedInodes = 3; // base/, base/layers/, base/layers/sha256/
        DirTally skeleton = new DirTally();
        skeleton.name("base/layers");
        skeleton.name("base/layers/sha256");
        long layerEntries = 0;
        Map<Digest, Long> erofsImages = new HashMap<>();
        for (LayerSummary l : layers.values()) {
            long[] d = layerDirectory(l);
            erofsImages.put(l.diffId(), d[2]);
            sharedFixed += d[0] + fs.fileBytes(FORM_FILE_BYTES);
            sharedFixedInodes += d[1] + 1;
            skeleton.name("base/layers/sha256/" + l.diffId().hex());
            skeleton.name("base/layers/sha256/" + l.diffId().hex() + ".whiteouts");
            layerEntries += l.entries().size();
        }
        sharedFixed += skeleton.bytes("base", fs)
                + skeleton.bytes("base/layers", fs)
                + skeleton.bytes("base/layers/sha256", fs);

        // file-dedup: content store
        long poolBytes = 0;
        DirTally store = new DirTally();
        store.name("base/content");
        store.name("base/content/sha256");
        long poolNames = 0;
        long poolNameBytes = 0;
        for (Map.Entry<String, Long> e : pool.entrySet()) {
            poolBytes += fs.fileBytes(e.getValue());
            if (!e.getKey().isEmpty() && e.getKey().indexOf('/') < 0) {
                poolNames++;
                poolNameBytes += Utf8.length(e.getKey());
            } else {
                store.name("base/content/sha256/" + e.getKey()); // not a digest: where its path puts it
            }
        }
        store.names("base/content/sha256", poolNames, poolNameBytes);
        long storeDirs =
                store.bytes("base", fs) + store.bytes("base/content", fs) + store.bytes("base/content/sha256", fs);
        long dedupFixed = storeDirs + poolBytes;
        long dedupFixedInodes = 3 + pool.size();
        long flatFixed = 0;
        if (fs.reflinks()) {
            for (Facts f : facts.values()) {
                flatFixed += f.flatData();
            }
        }

        List<SizingReport.LayoutSize> rows = new ArrayList<>();
        rows.add(row(
                FleetLayout.SHARED,
                sharedFixed,
                sharedFixedInodes,
                images,
                perImage,
                Facts::shared,
                Facts::sharedInodes,
                containers));
        rows.add(row(
                FleetLayout.FLAT,
                flatFixed,
                0,
                images,
                perImage,
                fs.reflinks() ? Facts::flatReflink : Facts::flat,
                Facts::flatInodes,
                containers));
        rows.add(row(
                FleetLayout.FILE_DEDUP,
                dedupFixed,
                dedupFixedInodes,
                images,
                perImage,
                Facts::dedup,
                Facts::dedupInodes,
                containers));
        rows.add(row(
                FleetLayout.CHUNK_DEDUP,
                storeDirs + chunkBytes[0],
                dedupFixedInodes,
                images,
                perImage,
                Facts::chunk,
                Facts::dedupInodes,
                containers));

        // erofs: per distinct layer its image, whiteout form file and lock file in base/layers/sha256/
        long erofsFixed = 0;
        long erofsFixedInodes = 3;
        DirTally erofsNames = new DirTally();
        erofsNames.name("base/layers");
        erofsNames.name("base/layers/sha256");
        for (LayerSummary l : layers.values()) {
            erofsFixed += fs.fileBytes(erofsImages.get(l.diffId())) + fs.fileBytes(FORM_FILE_BYTES) + fs.fileBytes(0);
            erofsFixedInodes += 3;
            for (String suffix : List.of(".erofs", ".whiteouts", ".lock")) {
                erofsNames.name("base/layers/sha256/" + l.diffId().hex() + suffix);
            }
        }
        erofsFixed += erofsNames.bytes("base", fs)
                + erofsNames.bytes("base/layers", fs)
                + erofsNames.bytes("base/layers/sha256", fs);
        rows.add(row(
                FleetLayout.EROFS,
                erofsFixed,
                erofsFixedInodes,
                images,
                perImage,
                this::mountedBytes,
                FleetSizer::mountedInodes,
                containers));

        // composefs-style: the object store (each content once, by sha256) and one metadata image per image
        DirTally cfs = new DirTally();
        cfs.name("base/objects");
        long cfsFixed = 0;
        long cfsFixedInodes = 2; // base/, base/objects/
        Map<String, long[]> prefixes = new HashMap<>(); // <2 hex> -> names in base/objects/<2 hex>/ and their bytes
        for (Map.Entry<String, Long> o : objects.entrySet()) {
            cfsFixed += fs.fileBytes(o.getValue());
            String key = o.getKey();
            long[] t = prefixes.computeIfAbsent(key.substring(0, 2), p -> new long[2]);
            if (key.indexOf('/') < 0) {
                t[0]++;
                t[1] += Utf8.length(key);
            } else {
                cfs.name("base/objects/" + key.substring(0, 2) + "/" + key); // not a digest: where its path puts it
            }
        }
        for (Map.Entry<String, long[]> p : prefixes.entrySet()) {
            cfs.name("base/objects/" + p.getKey());
            cfs.names("base/objects/" + p.getKey(), p.getValue()[0], p.getValue()[1]);
        }
        cfsFixedInodes += objects.size() + prefixes.size();
        for (int i = 0; i < images.size(); i++) {
            cfs.name("base/meta-" + i + ".erofs");
            cfsFixed += fs.fileBytes(perImage.get(i).metadataImage());
            cfsFixedInodes++;
        }
        cfsFixed += cfs.bytes("base", fs) + cfs.bytes("base/objects", fs);
        for (String p : prefixes.keySet()) {
            cfsFixed += cfs.bytes("base/objects/" + p, fs);
        }
        rows.add(row(
                FleetLayout.COMPOSEFS,
                cfsFixed,
                cfsFixedInodes,
                images,
                perImage,
                this::mountedBytes,
                FleetSizer::mountedInodes,
                containers));

        // docker system df -v: layers by chain ID, shared when another image of the fleet has them
        List<List<String>> chains = new ArrayList<>();
        Map<String, Integer> users = new HashMap<>();
        for (FleetImage image : images) {
            List<String> c = chainIds(image.layers());
            chains.add(c);
            for (String id : new HashSet<>(c)) {
                users.merge(id, 1, Integer::sum);
            }
        }
        List<SizingReport.ImageSize> sizes = new ArrayList<>();
        long copiedUp = 0;
        long written = 0;
        long logical = 0;
        for (int i = 0; i < images.size(); i++) {
            FleetImage image = images.get(i);
            long shared = 0;
            long unique = 0;
            for (int j = 0; j < image.layers().size(); j++) {
                long b = image.layers().get(j).contentBytes();
                if (users.get(chains.get(i).get(j)) > 1) {
                    shared += b;
                } else {
                    unique += b;
                }
            }
            logical += shared + unique;
            Facts f = perImage.get(i);
            sizes.add(new SizingReport.ImageSize(
                    image.ref(),
                    image.containers(),
                    shared + unique,
                    shared,
                    unique,
                    f.wasted(),
                    image.layers().size(),
                    f.files()));
            copiedUp += image.containers() * f.copiedUp();
            written += image.containers() * f.written();
        }
        SizingReport.Dedup dedup = dedup(logical, layers.values());
        SizingReport.CopyUp copyUp =
                new SizingReport.CopyUp(copiedUp, written, written == 0 ? 0 : (double) copiedUp / written);
        SizingReport.Stats stats = new SizingReport.Stats(
                layers.size(),
                facts.size(),
                layerEntries,
                pool.size(),
                chunks.size(),
                (System.nanoTime() - start) / 1e9);
        return new SizingReport(fs, workload, containers, rows, sizes, dedup, copyUp, stats);
    }

    /** The bytes of one layer's EROFS image as {@link #size} computes them (for tests against the plain model). */
    long erofsLayerImageBytes(LayerSummary layer) {
        return layerDirectory(layer)[2];
    }

    /** The bytes of a stack's composefs-style metadata image as {@link #size} computes them (for tests). */
    long metadataImageBytes(List<LayerSummary> stack) {
        return facts(
                        ImageTree.of(stack),
                        new HashMap<>(),
                        new HashMap<>(),
                        new LongSet(),
                        new long[1],
                        Collections.newSetFromMap(new IdentityHashMap<>()))
                .metadataImage();
    }

    /**
     * A kernel overlay container: {@code shared}'s upper directory plus the container's directory (holding
     * {@code upper}, {@code work}, {@code merged}), {@code work/} and the {@code work/work/} the kernel makes; the
     * mount point {@code merged/} is covered by the mount.
     */
    private long mountedBytes(Facts f) {
        return f.shared()
                + fs.dirBytes(3, "upper".length() + "work".length() + "merged".length())
                + fs.dirBytes(1, "work".length())
                + fs.dirBytes(0, 0);
    }

    private static long mountedInodes(Facts f) {
        return f.sharedInodes() + 3;
    }

    /** "overlay\n": the whiteout form file beside each layer directory. */
    private static final int FORM_FILE_BYTES = 8;

    private interface Pick {
        long of(Facts f);
    }

    private static SizingReport.LayoutSize row(
            FleetLayout layout,
            long fixed,
            long fixedInodes,
            List<FleetImage> images,
            List<Facts> perImage,
            Pick bytes,
            Pick inodes,
            long containers) {
        long b = fixed;
        long n = fixedInodes;
        List<Long> pb = new ArrayList<>();
        List<Long> pi = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            long c = images.get(i).containers();
            pb.add(bytes.of(perImage.get(i)));
            pi.add(inodes.of(perImage.get(i)));
            b += c * bytes.of(perImage.get(i));
            n += c * inodes.of(perImage.get(i));
        }
        return new SizingReport.LayoutSize(
                layout, b, n, containers == 0 ? 0 : (double) b / containers, fixed, fixedInodes, pb, pi);
    }

    /**
     * Bytes and inodes of one layer unpacked into its own directory (overlay whiteout form), and the bytes of its EROFS
     * image ({@link ErofsImageModel#layerImageBytes}, computed from the same tallies).
     */
    private long[] layerDirectory(LayerSummary layer) {
        Map<String, SummaryEntry> tree = new HashMap<>();
        Set<String> opaque = new HashSet<>();
        SummaryEntry root = null;
        for (SummaryEntry e : layer.entries()) {
            if (e.kind() == EntryKind.OPAQUE) {
                opaque.add(e.path());
            } else if (e.path().isEmpty()) {
                root = e; // the layer directory itself; its own inode in the image
            } else {
                tree.put(e.path(), e);
            }
        }
        Set<String> implied = new HashSet<>();
        for (String p : tree.keySet()) {
            for (String d = LayerPaths.parent(p); !d.isEmpty() && !tree.containsKey(d); d = LayerPaths.parent(d)) {
                if (!implied.add(d)) {
                    break; // and its ancestors too
                }
            }
        }
        DirTally names = new DirTally();
        long bytes = 0;
        long inodes = 1; // the layer directory
        for (SummaryEntry e : tree.values()) {
            names.name(e.path());
            bytes += entryBytes(e);
            inodes += e.kind().hasInode() ? 1 : 0;
        }
        for (String d : implied) {
            names.name(d);
            inodes++;
        }
        bytes += names.bytes("", fs);
        for (SummaryEntry e : tree.values()) {
            if (e.kind() == EntryKind.DIRECTORY) {
                bytes += names.bytes(e.path(), fs);
            }
        }
        for (String d : implied) {
            bytes += names.bytes(d, fs);
        }

        // the EROFS image: the same tree, plus the root and the opaque directories nothing else names
        List<String> markedOnly = new ArrayList<>();
        for (String o : opaque) {
            if (!o.isEmpty() && !tree.containsKey(o) && !implied.contains(o)) {
                markedOnly.add(o);
                names.name(o);
            }
        }
        Map<String, List<String>> large = new HashMap<>();
        for (SummaryEntry e : tree.values()) {
            if (e.kind() == EntryKind.DIRECTORY) {
                largeDir(names, e.path(), large);
            }
        }
        for (String d : implied) {
            largeDir(names, d, large);
        }
        for (String d : markedOnly) {
            largeDir(names, d, large);
        }
        largeDir(names, "", large);
        if (!large.isEmpty()) {
            for (Iterable<String> paths : List.of(tree.keySet(), implied, markedOnly)) {
                for (String p : paths) {
                    List<String> in = large.get(LayerPaths.parent(p));
                    if (in != null) {
                        in.add(LayerPaths.baseName(p));
                    }
                }
            }
        }
        ErofsImageModel.Image image = new ErofsImageModel.Image(ErofsImageModel.Form.LAYER, opaque.size());
        for (SummaryEntry e : tree.values()) {
            image.add(
                    e,
                    e.kind() == EntryKind.DIRECTORY ? erofsDirSize(names, e.path(), large) : 0,
                    !opaque.isEmpty() && opaque.contains(e.path()));
        }
        for (String d : implied) {
            if (opaque.contains(d)) {
                image.add(directory(d), erofsDirSize(names, d, large), true);
            } else {
                image.impliedDirectory(erofsDirSize(names, d, large));
            }
        }
        for (String d : markedOnly) {
            image.add(directory(d), erofsDirSize(names, d, large), true);
        }
        image.add(root == null ? directory("") : root, erofsDirSize(names, "", large), opaque.contains(""));
        return new long[] {bytes, inodes, image.bytes()};
    }

    private static SummaryEntry directory(String path) {
        return new SummaryEntry(path, EntryKind.DIRECTORY, 0, "", "", 0755, 0, 0, Chunks.NONE);
    }

    /** Notes {@code dir} in {@code large} when its EROFS size needs its names in order. */
    private static void largeDir(DirTally names, String dir, Map<String, List<String>> large) {
        if (ErofsImageModel.dirSizeInOneBlock(names.names(dir), names.nameBytes(dir)) < 0) {
            large.put(dir, new ArrayList<>());
        }
    }

    private static long erofsDirSize(DirTally names, String dir, Map<String, List<String>> large) {
        long size = ErofsImageModel.dirSizeInOneBlock(names.names(dir), names.nameBytes(dir));
        return size >= 0 ? size : ErofsImageModel.dirSize(large.get(dir));
    }

    /** Data bytes of one entry, besides a directory's entries, with the block its xattrs take when they need one. */
    private long entryBytes(SummaryEntry e) {
        return fs.xattrBytes(e.xattrs(), e.xattrBytes())
                + switch (e.kind()) {
                    case FILE -> fs.fileBytes(e.size());
                    case SYMLINK -> fs.symlinkBytes(e.link().getBytes(StandardCharsets.UTF_8).length);
                    default -> 0;
                };
    }

    private Facts facts(
            ImageTree tree,
            Map<String, Long> pool,
            Map<String, Long> objects,
            LongSet chunks,
            long[] chunkBytes,
            Set<SummaryEntry> pooled) {
        DirTally names = new DirTally();
        long dirBytes = 0;
        long metaBytes = 0;
        long metaInodes = 0;
        long fileBytes = 0;
        long fileInodes = 0;
        for (SummaryEntry e : tree.entries().values()) {
            names.name(e.path());
        }
        // the composefs-style metadata image of the stack, from the same tallies
        ErofsImageModel.Image metadataImage = new ErofsImageModel.Image(ErofsImageModel.Form.METADATA, 0);
        for (SummaryEntry e : tree.entries().values()) {
            switch (e.kind()) {
                case DIRECTORY -> {
                    dirBytes += names.bytes(e.path(), fs) + fs.xattrBytes(e.xattrs(), e.xattrBytes());
                    metaInodes++;
                    long size = ErofsImageModel.dirSizeInOneBlock(names.names(e.path()), names.nameBytes(e.path()));
                    metadataImage.add(e, size >= 0 ? size : ErofsImageModel.dirSize(tree.childNames(e.path())), false);
                }
                case FILE -> {
                    fileBytes += entryBytes(e);
                    fileInodes++;
                    metadataImage.add(e, 0, false);
                    if (!pooled.add(e)) {
                        continue; // its content is counted already
                    }
                    pool.putIfAbsent(
                            fs.reflinks()
                                    ? e.sha256()
                                    : e.sha256() + "-" + Integer.toOctalString(e.mode()) + "-" + e.uid() + "-"
                                            + e.gid(),
                            e.size());
                    if (e.size() > 0) {
                        objects.putIfAbsent(e.sha256(), e.size());
                    }
                    long[] ids = e.chunks().ids();
                    for (int i = 0; i < ids.length; i++) {
                        if (chunks.add(ids[i])) {
                            chunkBytes[0] += e.chunks().lengths()[i];
                        }
                    }
                }
                case SYMLINK, OTHER -> {
                    metaBytes += entryBytes(e);
                    metaInodes++;
                    metadataImage.add(e, 0, false);
                }
                default -> {
                    // hard links: a name, no inode; whiteouts and opaque markers are applied already
                    metadataImage.add(e, 0, false);
                }
            }
        }
        long meta = dirBytes + metaBytes;

        WorkloadPlan plan = WorkloadPlan.of(tree, workload);
        // overlayfs upper directory (the container's directory)
        DirTally upper = new DirTally();
        Set<String> upperDirs = plan.upperDirs();
        long sharedBytes = 0;
        long sharedInodes = 1 + upperDirs.size();
        long copiedUp = 0;
        long written = 0;
        long flatDelta = 0;
        long flatInodeDelta = 0;
        long reflinkDelta = 0;
        long dedupDelta = 0;
        long dedupInodeDelta = 0;
        long chunkDelta = 0;
        for (String d : upperDirs) {
            upper.name(d);
        }
        for (SummaryEntry m : plan.modified()) {
            upper.name(m.path());
            long after = fs.fileBytes(Math.max(m.size(), workload.modifyBytes()));
            long cow = fs.cowReservationBytes(m.size());
            sharedBytes += after + cow; // copy-up clones where the fs can, then the write copies on write
            sharedInodes++;
            copiedUp += m.size();
            written += workload.modifyBytes();
            flatDelta += after - fs.fileBytes(m.size());
            reflinkDelta += fs.fileBytes(workload.modifyBytes()) + cow;
            dedupDelta += fs.reflinks() ? fs.fileBytes(workload.modifyBytes()) + cow : after;
            dedupInodeDelta += fs.reflinks() ? 0 : 1;
            chunkDelta += workload.modifyBytes();
        }
        for (SummaryEntry d : plan.deleted()) {
            upper.name(d.path());
            sharedInodes++; // a 0/0 character device
            flatDelta -= fs.fileBytes(d.size());
            flatInodeDelta--;
            dedupInodeDelta -= fs.reflinks() ? 1 : 0;
        }
        long addedFile = fs.fileBytes(workload.addBytes());
        DirTally added = new DirTally();
        for (String a : plan.added()) {
            upper.name(a);
            added.name(a);
            written += workload.addBytes();
        }
        long addBytes = plan.added().size() * addedFile;
        long addInodes = plan.added().size();
        // directories an added file needs that the image lacks: in every layout
        if (!plan.added().isEmpty()) {
            for (String d = Workload.ADDED_DIR; !d.isEmpty(); d = LayerPaths.parent(d)) {
                if (!tree.entries().containsKey(d)) {
                    added.name(d);
                    addInodes++;
                }
            }
            for (String d = Workload.ADDED_DIR; !d.isEmpty(); d = LayerPaths.parent(d)) {
                if (!tree.entries().containsKey(d)) {
                    addBytes += added.bytes(d, fs);
                }
            }
        }
        sharedBytes += upper.bytes("", fs) + plan.added().size() * addedFile;
        sharedInodes += plan.added().size();
        for (String d : upperDirs) {
            sharedBytes += upper.bytes(d, fs);
        }
        long chunkAdd =
                addBytes - plan.added().size() * addedFile + (long) plan.added().size() * workload.addBytes();

        long flat = meta + fileBytes + flatDelta + addBytes;
        long flatInodes = metaInodes + fileInodes + flatInodeDelta + addInodes;
        long flatReflink = meta + reflinkDelta + addBytes;
        long dedup = meta + dedupDelta + addBytes;
        long dedupInodes = metaInodes + (fs.reflinks() ? fileInodes : 0) + dedupInodeDelta + addInodes;
        long chunk = meta + chunkDelta + chunkAdd;
        return new Facts(
                sharedBytes,
                sharedInodes,
                flat,
                flatInodes,
                flatReflink,
                dedup,
                dedupInodes,
                chunk,
                copiedUp,
                written,
                tree.wastedBytes(),
                fileInodes,
                fileBytes,
                metadataImage.bytes());
    }

    private static SizingReport.Dedup dedup(long logical, Iterable<LayerSummary> layers) {
        long layerBytes = 0;
        Map<String, Long> contents = new HashMap<>();
        LongSet chunks = new LongSet();
        long chunkBytes = 0;
        for (LayerSummary l : layers) {
            layerBytes += l.contentBytes();
            for (SummaryEntry e : l.entries()) {
                if (e.kind() == EntryKind.FILE) {
                    contents.putIfAbsent(e.sha256(), e.size());
                    long[] ids = e.chunks().ids();
                    for (int i = 0; i < ids.length; i++) {
                        if (chunks.add(ids[i])) {
                            chunkBytes += e.chunks().lengths()[i];
                        }
                    }
                }
            }
        }
        long fileBytes = contents.values().stream().mapToLong(Long::longValue).sum();
        return new SizingReport.Dedup(
                ratio(logical, layerBytes),
                ratio(logical, fileBytes),
                ratio(logical, chunkBytes),
                logical,
                layerBytes,
                fileBytes,
                chunkBytes);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 1.0 : (double) a / b;
    }

    /** Chain IDs of a layer stack (image-spec config.md: ChainID(L0) = DiffID(L0), ChainID(Ln) = SHA256(ChainID(Ln-1) + " " + DiffID(Ln))). */
    static List<String> chainIds(List<LayerSummary> layers) {
        List<String> out = new ArrayList<>(layers.size());
        String chain = null;
        for (LayerSummary l : layers) {
            if (chain == null) {
                chain = l.diffId().toString();
            } else {
                MessageDigest md = Sha256.newDigest();
                md.update((chain + " " + l.diffId()).getBytes(StandardCharsets.UTF_8));
                chain = "sha256:" + java.util.HexFormat.of().formatHex(md.digest());
            }
            out.add(chain);
        }
        return out;
    }
}
