package dev.layerbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    /** The shaded jar, when a package run has made it (tests run before packaging in a clean build). */
    private static final Path JAR = Path.of("target", "benchmarks.jar");

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    @Test
    void feature_readsOldAndNewSpecificationVersions() {
        assertEquals(8, Launcher.feature("1.8"));
        assertEquals(17, Launcher.feature("17"));
        assertEquals(25, Launcher.feature("25"));
        assertEquals(26, Launcher.feature("26-ea"));
        assertEquals(0, Launcher.feature("x"));
    }

    @Test
    void launcher_onOldJavaPrintsOneLineSayingWhatIsNeededAndExitsOne() throws Exception {
        Path old = oldJava().orElse(null);
        assumeTrue(old != null, "no Java older than 25 in /usr/lib/jvm");
        Run r = run(List.of(old.toString(), "-cp", launcherClasses().toString(), Launcher.class.getName(), "help"));
        assertOldJavaLine(r);
    }

    @Test
    void jar_onOldJavaPrintsOneLineSayingWhatIsNeededAndExitsOne() throws Exception {
        Path old = oldJava().orElse(null);
        assumeTrue(old != null, "no Java older than 25 in /usr/lib/jvm");
        assumeTrue(Files.isRegularFile(JAR), "no " + JAR + " (run mvn package first)");
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals(
                    Launcher.class.getName(),
                    jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
        assertOldJavaLine(run(List.of(old.toString(), "-jar", JAR.toString(), "help")));
    }

    @Test
    void launcher_onThisJavaHandsTheArgumentsToMain() throws Exception {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Run r = run(List.of(java, "-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "help"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: "), r.out());
        Run bad = run(List.of(
                java, "-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "unpack", "--nope"));
        assertEquals(Errors.USAGE, bad.code(), bad.err());
        ToolsTest.assertOneLine(bad.err());
    }

    @Test
    void binLayerbench_makesTheToolsCacheOnFirstUseThenRunsWithIt() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "no " + JAR + " (run mvn package first)");
        Path script = Path.of("bin", "layerbench");
        Path cache = dir.resolve("aot");
        String digest = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  ";
        Path abc = dir.resolve("abc");
        Files.writeString(abc, "abc");
        Run first = run(List.of("env", "LAYERBENCH_AOT_DIR=" + cache, script.toString(), "digest", abc.toString()));
        assertEquals(0, first.code(), first.err());
        assertEquals(digest + abc + "\n", first.out());
        assertTrue(first.err().startsWith("layerbench: made the start-up cache for 'digest'"), first.err());
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(
                    1, files.filter(f -> f.toString().endsWith("-digest.aot")).count());
        }
        Run second = run(List.of("env", "LAYERBENCH_AOT_DIR=" + cache, script.toString(), "digest", abc.toString()));
        assertEquals(new Run(0, digest + abc + "\n", ""), second);
        Run help = run(List.of("env", "LAYERBENCH_AOT_DIR=" + cache, script.toString(), "help"));
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().startsWith("Usage: "), help.out());
    }

    private static void assertOldJavaLine(Run r) {
        assertEquals(1, r.code(), r.err());
        assertEquals("", r.out());
        ToolsTest.assertOneLine(r.err());
        assertTrue(r.err().startsWith("layerbench: needs Java 25 or newer, found Java 1"), r.err());
        assertTrue(r.err().contains(".ci/jdk25") && r.err().contains("JAVA_HOME"), r.err());
    }

    /** The directory or jar Launcher.class was loaded from (its Java 8 class file). */
    private static Path launcherClasses() throws URISyntaxException {
        return Path.of(Launcher.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    /** A JDK older than 25 under /usr/lib/jvm (its release file says which), the machine's Java 17 first. */
    static Optional<Path> oldJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        Pattern version = Pattern.compile("^JAVA_VERSION=\"(?:1\\.)?(\\d+)", Pattern.MULTILINE);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> homes = Files.list(jvms)) {
            for (Path home : homes.sorted().toList()) {
                Path release = home.resolve("release");
                Path java = home.resolve("bin/java");
                if (Files.isRegularFile(release) && Files.isExecutable(java)) {
                    Matcher m = version.matcher(Files.readString(release));
                    if (m.find() && Integer.parseInt(m.group(1)) < Launcher.NEEDED) {
                        found.add(java);
                    }
                }
            }
        }
        return found.stream()
                .filter(j -> j.toString().contains("-17-"))
                .findFirst()
                .or(() -> found.stream().findFirst());
    }

    private Run run(List<String> command) throws IOException, InterruptedException {
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
