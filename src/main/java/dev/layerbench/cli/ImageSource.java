package dev.layerbench.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that name one image to read, shared by the tools that read one ({@code inspect}, {@code view}). */
final class ImageSource {

    @Option(
            names = "--image",
            required = true,
            paramLabel = "PATH",
            description = "OCI layout directory, oci-archive tar or docker-archive tar.")
    Path image;

    @Option(names = "--ref", paramLabel = "NAME", description = "Which image, where the source holds several.")
    String ref;

    /** The options as a plain command line gives them ({@link QuickLine}). */
    static ImageSource of(QuickLine line) {
        ImageSource s = new ImageSource();
        s.image = line.path("--image");
        s.ref = line.value("--ref");
        return s;
    }
}
