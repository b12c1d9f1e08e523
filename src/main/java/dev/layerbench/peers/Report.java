package dev.layerbench.peers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerbench.fs.AtomicFile;
import dev.layerbench.json.Json;
import dev.layerbench.results.MachineInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * A run's rows and machine, as {@code peers-<date>-<machine>.md} (a table per group: medians, min-max, ratio
 * project/peer) and {@code .json} (every run's nanoseconds). Each file is written to a temporary name and renamed.
 */
public record Report(MachineInfo machine, Instant started, String command, List<PeerComparison> rows) {

    public Report {
        rows = List.copyOf(rows);
    }

    /** {@code peers-2026-11-28-host}: the name of both files without the extension. */
    public String stem() {
        return "peers-" + started.atZone(ZoneOffset.UTC).toLocalDate() + "-" + hostFileName();
    }

    /** The short host name (up to the first dot), made safe for a file name. */
    private String hostFileName() {
        String s = machine.host().split("\\.")[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return s.isEmpty() || s.equals(MachineInfo.UNKNOWN) ? "machine" : s;
    }

    /** Writes both files into {@code dir} (created if absent); returns the Markdown file. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path md = dir.resolve(stem() + ".md");
        atomic(md, markdown());
        atomic(
                dir.resolve(stem() + ".json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json()) + "\n");
        return md;
    }

    public String markdown() {
        StringBuilder s = new StringBuilder();
        s.append("# layerbench side by side with the peers\n\n");
        s.append("- Run: `")
                .append(command)
                .append("`, started ")
                .append(started)
                .append('\n');
        s.append("- Machine: ")
                .append(machine.host())
                .append(", ")
                .append(machine.cpuModel())
                .append(", ")
                .append(machine.cores())
                .append(" cores, ")
                .append(machine.memoryBytes() >> 20)
                .append(" MiB memory, ")
                .append(machine.kernel())
                .append(' ')
                .append(machine.arch())
                .append('\n');
        s.append("- Work directory: ")
                .append(machine.workDir())
                .append(" (")
                .append(machine.filesystem())
                .append(")\n");
        s.append("- JDK: ")
                .append(machine.jdk())
                .append(", user ")
                .append(machine.user())
                .append('\n');
        s.append(
                        "- Each row alternates the two sides (A B A B ...) after a warm-up; times are medians with min-max over")
                .append(
                        " the runs; ratio = project median / peer median (below 1: the project is faster). Whole process:")
                .append(
                        " a new process per run, start-up included (the JVM's for the project). Steady state: in-process")
                .append(" calls, warm. Native: a small C program timing its own system calls.\n");
        String group = null;
        for (PeerComparison c : rows) {
            if (!c.group().equals(group)) {
                group = c.group();
                s.append("\n## ").append(group).append("\n\n");
                s.append("| what | project | median | min-max | peer | median | min-max | project/peer | note |\n");
                s.append("|---|---|---:|---:|---|---:|---:|---:|---|\n");
            }
            s.append("| ")
                    .append(cell(c.what()))
                    .append(" | ")
                    .append(side(c.project()))
                    .append(" | ")
                    .append(median(c.project()))
                    .append(" | ")
                    .append(range(c.project()))
                    .append(" | ")
                    .append(side(c.peer()))
                    .append(" | ")
                    .append(median(c.peer()))
                    .append(" | ")
                    .append(range(c.peer()))
                    .append(" | ")
                    .append(
                            c.ratio().isPresent()
                                    ? String.format(
                                            Locale.ROOT, "%.2f", c.ratio().getAsDouble())
                                    : "-")
                    .append(" | ")
                    .append(cell(c.note()))
                    .append(" |\n");
        }
        if (rows.isEmpty()) {
            s.append("\nNo rows.\n");
        }
        return s.toString();
    }

    public ObjectNode json() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("command", command);
        root.put("started", started.toString());
        root.set("machine", Json.MAPPER.valueToTree(machine));
        ArrayNode list = root.putArray("comparisons");
        for (PeerComparison c : rows) {
            ObjectNode n = list.addObject();
            n.put("group", c.group());
            n.put("what", c.what());
            n.set("project", sideJson(c.project()));
            n.set("peer", sideJson(c.peer()));
            if (c.ratio().isPresent()) {
                n.put("ratio", c.ratio().getAsDouble());
            } else {
                n.putNull("ratio");
            }
            n.put("note", c.note());
        }
        return root;
    }

    private static ObjectNode sideJson(Side side) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("name", side.name());
        n.put("kind", side.kind().label());
        n.put("command", side.command());
        if (side.stats() != null) {
            n.put("medianNs", side.stats().median());
            n.put("minNs", side.stats().min());
            n.put("maxNs", side.stats().max());
            ArrayNode runs = n.putArray("runsNs");
            side.stats().nanos().forEach(runs::add);
        }
        return n;
    }

    private static String side(Side side) {
        return cell(side.name()) + " (" + side.kind().label() + ")";
    }

    private static String median(Side side) {
        return side.stats() == null ? "-" : Stats.human(side.stats().median());
    }

    private static String range(Side side) {
        return side.stats() == null
                ? "-"
                : Stats.human(side.stats().min()) + " - "
                        + Stats.human(side.stats().max());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }

    private static void atomic(Path target, String text) throws IOException {
        AtomicFile.write(target, AtomicFile.Durability.FILE_SYNCED, text.getBytes(StandardCharsets.UTF_8));
    }
}
