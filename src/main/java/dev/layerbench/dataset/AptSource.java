package dev.layerbench.dataset;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Debian archive the machine's apt is configured with: the first {@code deb} source of
 * {@code /etc/apt/sources.list} and {@code /etc/apt/sources.list.d/} (one-line and deb822 {@code .sources} forms).
 *
 * @param uri   the archive, e.g. {@code http://deb.debian.org/debian}
 * @param suite its first suite, e.g. {@code bookworm}
 * @param file  where it was read, for messages
 *
 * @see <a href="https://manpages.debian.org/bookworm/apt/sources.list.5.en.html">sources.list(5)</a>
 */
record AptSource(String uri, String suite, Path file) {

    static final Path APT_DIR = Path.of("/etc/apt");

    /** The machine's first Debian source. */
    static AptSource detect(Path aptDir) throws IOException {
        List<Path> files = new ArrayList<>();
        Path list = aptDir.resolve("sources.list");
        if (Files.isRegularFile(list)) {
            files.add(list);
        }
        Path dir = aptDir.resolve("sources.list.d");
        if (Files.isDirectory(dir)) {
            List<Path> parts = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(
                    dir, p -> p.toString().endsWith(".list") || p.toString().endsWith(".sources"))) {
                s.forEach(parts::add);
            }
            parts.sort(null);
            files.addAll(parts);
        }
        for (Path f : files) {
            AptSource found = f.toString().endsWith(".sources") ? deb822(f) : oneLine(f);
            if (found != null) {
                return found;
            }
        }
        throw new DatasetException(aptDir + ": no 'deb' source with a Debian archive in sources.list or sources.list.d/"
                + " (a real dataset builds with the machine's apt sources)");
    }

    /**
     * Fails with one line when the archive cannot be reached: fetches {@code dists/SUITE/InRelease}'s headers.
     */
    void checkReachable(Duration timeout) throws DatasetException {
        String url = uri.replaceAll("/+$", "") + "/dists/" + suite + "/InRelease";
        String why;
        try (HttpClient http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()) {
            HttpResponse<Void> r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(timeout)
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 200) {
                return;
            }
            why = "HTTP " + r.statusCode();
        } catch (IOException e) {
            why = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        } catch (IllegalArgumentException e) {
            why = "bad URI: " + e.getMessage();
        }
        throw new DatasetException("cannot reach the apt source " + uri + " " + suite + " (from " + file + "): " + url
                + ": " + why.replace('\n', ' '));
    }

    private static AptSource oneLine(Path f) throws IOException {
        for (String line : Files.readAllLines(f)) {
            String l = line.strip();
            if (!l.startsWith("deb ")) {
                continue;
            }
            l = l.substring(4).strip().replaceAll("^\\[[^]]*]\\s*", "");
            String[] words = l.split("\\s+");
            if (words.length >= 2 && isHttp(words[0])) {
                return new AptSource(words[0], words[1], f);
            }
        }
        return null;
    }

    private static AptSource deb822(Path f) throws IOException {
        String text = Files.readString(f);
        for (String stanza : text.split("\\n\\s*\\n")) {
            String types = "";
            String uris = "";
            String suites = "";
            boolean enabled = true;
            for (String line : stanza.split("\\n")) {
                if (line.startsWith("#") || !line.contains(":")) {
                    continue;
                }
                String key = line.substring(0, line.indexOf(':')).strip().toLowerCase(Locale.ROOT);
                String value = line.substring(line.indexOf(':') + 1).strip();
                switch (key) {
                    case "types" -> types = value;
                    case "uris" -> uris = value;
                    case "suites" -> suites = value;
                    case "enabled" -> enabled = !value.equalsIgnoreCase("no");
                    default -> {}
                }
            }
            List<String> typeList = List.of(types.split("\\s+"));
            if (enabled && typeList.contains("deb") && !uris.isBlank() && !suites.isBlank()) {
                String u = uris.split("\\s+")[0];
                if (isHttp(u)) {
                    return new AptSource(u, suites.split("\\s+")[0], f);
                }
            }
        }
        return null;
    }

    private static boolean isHttp(String u) {
        return u.startsWith("http://") || u.startsWith("https://");
    }
}
