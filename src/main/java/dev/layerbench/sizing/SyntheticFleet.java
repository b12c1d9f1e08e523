package dev.layerbench.sizing;

import dev.layerbench.digest.Digest;
import dev.layerbench.oci.EntryKind;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic corpus of layer summaries for measuring the sizer at scale, no image on disk: {@code bases} OS
 * layers of {@code baseFiles} files, {@code runtimes} runtime layers of a sixth as many, and per image two layers of
 * its own (an app layer, and a layer that overwrites and deletes some runtime files). Image i stacks base
 * {@code i % bases}, runtime {@code i % runtimes} and its own two. File sizes follow a rough log-uniform spread from
 * 100 bytes to 1 MB; one chunk per 16 KiB of content.
 */
public final class SyntheticFleet {

    private SyntheticFleet() {}

    /** {@code images} images, each run by {@code containers} containers. */
    public static List<FleetImage> generate(
            long seed, int images, int containers, int bases, int runtimes, int baseFiles) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LayerSummary> baseLayers = new ArrayList<>();
        for (int b = 0; b < bases; b++) {
            baseLayers.add(layer("base-" + b, "usr/lib/b" + b, baseFiles, r));
        }
        List<LayerSummary> runtimeLayers = new ArrayList<>();
        for (int t = 0; t < runtimes; t++) {
            runtimeLayers.add(layer("runtime-" + t, "opt/runtime", Math.max(1, baseFiles / 6), r));
        }
        List<FleetImage> out = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            LayerSummary app = layer("app-" + i, "app", 50, r);
            List<SummaryEntry> edits = new ArrayList<>();
            LayerSummary runtime = runtimeLayers.get(i % runtimes);
            for (int k = 0; k < 10 && k < runtime.entries().size(); k++) {
                SummaryEntry e = runtime.entries().get(k);
                if (e.kind() == EntryKind.FILE) {
                    edits.add(
                            k % 2 == 0
                                    ? file(e.path(), size(r), "edit-" + i + "-" + k)
                                    : new SummaryEntry(
                                            e.path(), EntryKind.WHITEOUT, 0, "", "", 0644, 0, 0, Chunks.NONE));
                }
            }
            LayerSummary edit = new LayerSummary(id("edit-" + i), edits);
            out.add(new FleetImage(
                    "synthetic/" + i, containers, List.of(baseLayers.get(i % bases), runtime, app, edit)));
        }
        return out;
    }

    private static LayerSummary layer(String name, String root, int files, SplittableRandom r) {
        List<SummaryEntry> entries = new ArrayList<>();
        int dirs = Math.max(1, files / 40);
        String[] parts = root.split("/");
        String p = "";
        for (String part : parts) {
            p = p.isEmpty() ? part : p + "/" + part;
            entries.add(new SummaryEntry(p, EntryKind.DIRECTORY, 0, "", "", 0755, 0, 0, Chunks.NONE));
        }
        for (int d = 0; d < dirs; d++) {
            entries.add(new SummaryEntry(root + "/d" + d, EntryKind.DIRECTORY, 0, "", "", 0755, 0, 0, Chunks.NONE));
        }
        for (int f = 0; f < files; f++) {
            String path = root + "/d" + (f % dirs) + "/file-" + f + ".so";
            // a tenth of the files have content another layer has too (same licence texts, same libraries)
            String content = r.nextInt(10) == 0 ? "common-" + r.nextInt(500) : name + "-" + f;
            entries.add(file(path, size(r), content));
        }
        return new LayerSummary(id(name), entries);
    }

    private static long size(SplittableRandom r) {
        return (long) Math.pow(10, 2 + 4 * r.nextDouble());
    }

    private static SummaryEntry file(String path, long size, String content) {
        Digest d = Digest.of(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int n = (int) Math.max(1, (size + 16383) / 16384);
        long[] ids = new long[n];
        int[] lengths = new int[n];
        long first = HexFormat.fromHexDigitsToLong(d.hex(), 0, 16);
        for (int i = 0; i < n; i++) {
            ids[i] = first + i * 0x9E3779B97F4A7C15L;
            lengths[i] = (int) (i < n - 1 ? 16384 : size - 16384L * (n - 1));
        }
        return new SummaryEntry(path, EntryKind.FILE, size, d.hex(), "", 0644, 0, 0, new Chunks(ids, lengths));
    }

    private static Digest id(String name) {
        return Digest.of(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
