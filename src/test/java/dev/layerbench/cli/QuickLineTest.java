package dev.layerbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command lines read without picocli give the tools exactly the fields picocli gives them; the rest fall back. */
class QuickLineTest {

    private static final PrintWriter OUT = new PrintWriter(new StringWriter());

    private static <T> T picocli(T tool, List<String> args) {
        new CommandLine(tool).parseArgs(args.toArray(String[]::new));
        return tool;
    }

    @Test
    void unpack_quickAndPicocliAgree() {
        for (List<String> args : List.of(
                List.of("--layer", "a.tar", "--into", "out"),
                List.of("--into=out", "--layer=a b.tar.gz"),
                List.of("--image", "img", "--ref", "t", "--into", "o", "--writers", "3"))) {
            UnpackTool q = Main.quick("unpack", args, OUT, OUT) instanceof UnpackTool u ? u : null;
            assertNotNull(q, args.toString());
            UnpackTool p = picocli(new UnpackTool(), args);
            assertEquals(
                    List.of(
                            p.source.layer == null ? "" : p.source.layer,
                            p.source.image == null ? "" : p.source.image,
                            String.valueOf(p.ref),
                            p.into,
                            String.valueOf(p.writers)),
                    List.of(
                            q.source.layer == null ? "" : q.source.layer,
                            q.source.image == null ? "" : q.source.image,
                            String.valueOf(q.ref),
                            q.into,
                            String.valueOf(q.writers)),
                    args.toString());
        }
    }

    @Test
    void inspectViewSize_quickAndPicocliAgree() {
        List<String> i = List.of("--image", "img", "--format", "json");
        InspectTool qi = (InspectTool) Main.quick("inspect", i, OUT, OUT);
        InspectTool pi = picocli(new InspectTool(), i);
        assertEquals(
                List.of(pi.source.image, pi.format, String.valueOf(pi.source.ref), String.valueOf(pi.into)),
                List.of(qi.source.image, qi.format, String.valueOf(qi.source.ref), String.valueOf(qi.into)));
        for (List<String> v :
                List.of(List.of("--image", "img", "/usr/bin"), List.of("--layers", "--image=img", "--store", "s"))) {
            ViewTool qv = (ViewTool) Main.quick("view", v, OUT, OUT);
            ViewTool pv = picocli(new ViewTool(), v);
            assertEquals(
                    List.of(
                            pv.source.image,
                            pv.inside,
                            pv.layers,
                            String.valueOf(pv.store),
                            String.valueOf(pv.source.ref)),
                    List.of(
                            qv.source.image,
                            qv.inside,
                            qv.layers,
                            String.valueOf(qv.store),
                            String.valueOf(qv.source.ref)),
                    v.toString());
        }
        for (List<String> s : List.of(
                List.of("--image", "a:3", "--image", "b"),
                List.of(
                        "--dataset",
                        "d",
                        "--fs",
                        "xfs",
                        "--format",
                        "csv",
                        "--workload",
                        "add=1x1KiB",
                        "--store",
                        "st"))) {
            SizeTool qs = (SizeTool) Main.quick("size", s, OUT, OUT);
            SizeTool ps = picocli(new SizeTool(), s);
            assertEquals(
                    List.of(
                            ps.images,
                            ps.datasets,
                            ps.workload,
                            ps.fs,
                            ps.format,
                            String.valueOf(ps.store),
                            String.valueOf(ps.chart),
                            String.valueOf(ps.export)),
                    List.of(
                            qs.images,
                            qs.datasets,
                            qs.workload,
                            qs.fs,
                            qs.format,
                            String.valueOf(qs.store),
                            String.valueOf(qs.chart),
                            String.valueOf(qs.export)),
                    s.toString());
        }
    }

    @Test
    void unusualLines_fallBackToPicocli() {
        for (List<String> args : List.of(
                List.of("--help"),
                List.of("-h"),
                List.of("--layer", "a", "--into", "o", "-V"),
                List.of("--layer", "a"),
                List.of("--layer", "a", "--image", "b", "--into", "o"),
                List.of("--layer", "a", "--into", "o", "--writers", "x"),
                List.of("--layer", "a", "--into", "o", "--writers", "-1"),
                List.of("--layer", "a", "--into", "o", "extra"),
                List.of("--layer", "a", "--layer", "b", "--into", "o"),
                List.of("--layer", "a", "--into"),
                List.of("--layer", "--into", "o"),
                List.of("--nope", "x"),
                List.of("@args.txt"),
                List.of("--layer", "a", "--", "--into", "o"))) {
            assertNull(Main.quick("unpack", args, OUT, OUT), args.toString());
        }
        assertNull(Main.quick("inspect", List.of("--image", "i", "--format", "yaml"), OUT, OUT));
        assertNull(Main.quick("view", List.of("--image", "i", "a", "b"), OUT, OUT));
        assertNull(Main.quick("view", List.of("--image", "i", "--layers=true"), OUT, OUT));
        assertNull(Main.quick("help", List.of("unpack"), OUT, OUT));
        assertNull(Main.quick("dataset", List.of("list"), OUT, OUT));
    }

    @Test
    void fallback_stillGivesPicocliErrors() {
        ToolRun.Result r = ToolRun.run("unpack", "--layer", "a.tar", "--writers", "x", "--into", "o");
        assertEquals(Errors.USAGE, r.code());
        assertTrue(r.err().startsWith("unpack: "), r.err());
        ToolsTest.assertOneLine(r.err());
    }
}
