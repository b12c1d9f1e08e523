package dev.layerbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerbench.json.Json;
import dev.layerbench.sizing.FleetLayout;
import dev.layerbench.sizing.SizingReport;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The report of {@code size} as text and as JSON, from a {@link SizingReport} whoever computed it: {@code size}
 * ({@link dev.layerbench.sizing.FleetSizer}) or the Spark job (sql/sizing.sql on Spark SQL).
 */
public final class SizeReportText {

    private SizeReportText() {}

    /**
     * The text table: FLEET, one row per layout (with MEMORY when {@code memory} has figures), one per image, DEDUP,
     * COPY-UP and MODEL, whose line ends with {@code source} (where the summaries came from).
     */
    public static void table(PrintWriter out, SizingReport r, Map<FleetLayout, Long> memory, String source) {
        out.printf(
                "FLEET     %d images, %d containers, fs %s, workload %s%n",
                r.images().size(), r.containers(), r.fs().label(), r.workload().format());
        boolean mem = !memory.isEmpty();
        out.printf(
                "%-15s  %28s  %12s  %16s  %12s" + (mem ? "  %24s" : "%s") + "%n",
                "LAYOUT",
                "BYTES",
                "INODES",
                "BYTES/CONTAINER",
                "INODES/CONT.",
                mem ? "MEMORY" : "");
        for (SizingReport.LayoutSize l : r.layouts()) {
            Long m = memory.get(l.layout());
            out.printf(
                    "%-15s  %28s  %12d  %16s  %12.1f" + (mem ? "  %24s" : "%s") + "%n",
                    l.layout().label(),
                    Sizes.si(l.bytes()) + " (" + l.bytes() + ")",
                    l.inodes(),
                    Sizes.si(Math.round(l.bytesPerContainer())),
                    (double) l.inodes() / Math.max(1, r.containers()),
                    !mem ? "" : m == null ? "-" : Sizes.si(m) + " (" + m + ")");
        }
        out.println();
        out.printf(
                "%-32s  %10s  %10s  %10s  %10s  %10s%n", "IMAGE", "CONTAINERS", "SIZE", "SHARED", "UNIQUE", "WASTED");
        for (SizingReport.ImageSize i : r.images()) {
            out.printf(
                    "%-32s  %10d  %10s  %10s  %10s  %10s%n",
                    i.ref(),
                    i.containers(),
                    Sizes.si(i.sizeBytes()),
                    Sizes.si(i.sharedBytes()),
                    Sizes.si(i.uniqueBytes()),
                    Sizes.si(i.wastedBytes()));
        }
        out.println();
        SizingReport.Dedup d = r.dedup();
        out.printf(
                Locale.ROOT,
                "DEDUP     layer %.2fx  file %.2fx  chunk %.2fx  (%s of layer content: %s in distinct layers, %s in distinct files, %s in distinct chunks)%n",
                d.layer(),
                d.file(),
                d.chunk(),
                Sizes.si(d.logicalBytes()),
                Sizes.si(d.layerBytes()),
                Sizes.si(d.fileBytes()),
                Sizes.si(d.chunkBytes()));
        SizingReport.CopyUp c = r.copyUp();
        out.printf(
                Locale.ROOT,
                "COPY-UP   %s copied up for %s written: %.2f bytes copied per byte written%n",
                Sizes.si(c.copiedUpBytes()),
                Sizes.si(c.writtenBytes()),
                c.amplification());
        SizingReport.Stats s = r.stats();
        out.printf(
                Locale.ROOT,
                "MODEL     %d distinct layers (%d entries), %d distinct images, %d distinct files, %d distinct chunks; sized in %.3f s; %s%n",
                s.distinctLayers(),
                s.layerEntries(),
                s.distinctImages(),
                s.distinctContents(),
                s.distinctChunks(),
                s.seconds(),
                source);
    }

    /** The {@code --format json} document: layouts (memoryBytes where {@code memory} has it), images, dedup, stats. */
    public static ObjectNode json(SizingReport r, Map<FleetLayout, Long> memory) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("fs", r.fs().label());
        root.put("workload", r.workload().format());
        root.put("containers", r.containers());
        ArrayNode layouts = root.putArray("layouts");
        for (SizingReport.LayoutSize l : r.layouts()) {
            ObjectNode n = layouts.addObject();
            n.put("name", l.layout().label());
            n.put("bytes", l.bytes());
            n.put("inodes", l.inodes());
            n.put("bytesPerContainer", l.bytesPerContainer());
            n.put("fixedBytes", l.fixedBytes());
            n.put("fixedInodes", l.fixedInodes());
            if (memory.containsKey(l.layout())) {
                n.put("memoryBytes", memory.get(l.layout()));
            }
        }
        ArrayNode imgs = root.putArray("images");
        for (SizingReport.ImageSize i : r.images()) {
            ObjectNode n = imgs.addObject();
            n.put("ref", i.ref());
            n.put("containers", i.containers());
            n.put("sizeBytes", i.sizeBytes());
            n.put("sharedBytes", i.sharedBytes());
            n.put("uniqueBytes", i.uniqueBytes());
            n.put("wastedBytes", i.wastedBytes());
            n.put("layers", i.layers());
            n.put("files", i.files());
        }
        root.set("dedup", Json.MAPPER.valueToTree(r.dedup()));
        root.set("copyUp", Json.MAPPER.valueToTree(r.copyUp()));
        root.set("stats", Json.MAPPER.valueToTree(r.stats()));
        return root;
    }
}
