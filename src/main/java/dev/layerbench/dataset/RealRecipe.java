package dev.layerbench.dataset;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.layerbench.codec.Compression;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How a real dataset is built from Debian packages, with the machine's configured apt sources.
 *
 * <p>Steps make layers. A {@code debootstrap} step makes a base layer ({@code debootstrap --variant=VARIANT}); an
 * {@code install} step runs {@code apt-get install --no-install-recommends PACKAGES} in a chroot of its parent. Both
 * are turned into layers by {@code umoci repack} (gzip). An {@code edit} step is a layer written by the project's
 * {@link dev.layerbench.tar.LayerWriter}: whiteouts for {@code delete}, opaque markers for {@code opaque}, new content
 * for {@code write}; it does not depend on what is below it, so images with different parents share it.
 *
 * @param suite  the Debian suite; null for the first suite of the machine's apt sources
 * @param steps  the layers, each named once
 * @param images the images: a tag, the step names bottom first, and how the blobs are stored
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RealRecipe(String suite, List<Step> steps, List<RecipeImage> images) {

    private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]+");

    /** What a step does. */
    public enum Action {
        debootstrap,
        install,
        edit
    }

    /**
     * One layer of the recipe.
     *
     * @param parent   the step an install step runs on (its layer is the diff against that parent)
     * @param variant  debootstrap's {@code --variant} ({@code minbase})
     * @param packages what an install step installs
     * @param delete   paths an edit step deletes (whiteouts)
     * @param opaque   directories an edit step makes opaque
     * @param write    files an edit step writes (path to UTF-8 text)
     * @param links    after an install step's packages: the links a multi-call program lists for itself, made in the
     *                 layer ({@link Links})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Step(
            String name,
            Action action,
            String parent,
            String variant,
            List<String> packages,
            List<String> delete,
            List<String> opaque,
            SortedMap<String, String> write,
            Links links) {

        public Step {
            if (name == null || name.isBlank() || action == null) {
                throw new IllegalArgumentException("recipe step needs a name and an action");
            }
            packages = packages == null ? List.of() : List.copyOf(packages);
            delete = delete == null ? List.of() : List.copyOf(delete);
            opaque = opaque == null ? List.of() : List.copyOf(opaque);
            write = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(write == null ? Map.of() : write));
            for (String p : packages) {
                if (!PACKAGE.matcher(p).matches()) {
                    throw new IllegalArgumentException("step " + name + ": not a Debian package name: \"" + p + "\"");
                }
            }
            if (links != null && action != Action.install) {
                throw new IllegalArgumentException("step " + name + ": only an install step makes links");
            }
            switch (action) {
                case debootstrap -> {
                    if (parent != null || variant == null || !variant.matches("[a-z]+")) {
                        throw new IllegalArgumentException(
                                "step " + name + ": debootstrap needs a variant and no parent");
                    }
                }
                case install -> {
                    if (parent == null || packages.isEmpty()) {
                        throw new IllegalArgumentException("step " + name + ": install needs a parent and packages");
                    }
                }
                case edit -> {
                    if (parent != null || (delete.isEmpty() && opaque.isEmpty() && write.isEmpty())) {
                        throw new IllegalArgumentException(
                                "step " + name + ": edit has no parent and at least one change");
                    }
                }
            }
        }
    }

    /**
     * The links of a multi-call program ({@code busybox}): after the packages are installed, {@code PROGRAM --list-full}
     * is run on the host (a static binary of the host's architecture: nothing runs in the chroot) and each path it
     * prints that does not exist yet is made: a hard link to the program when the path's directory is one of
     * {@code hardLinkDirs}, else a symbolic link to {@code /PROGRAM}. Paths the packages made are left alone.
     *
     * @param program      the program, relative to the root ({@code bin/busybox}); symlinks on the way are followed
     *                     inside the root
     * @param hardLinkDirs the listed directories whose links are hard links ({@code bin}, {@code usr/bin})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Links(String program, List<String> hardLinkDirs) {
        private static final Pattern RELATIVE = Pattern.compile("[A-Za-z0-9_.+-]+(/[A-Za-z0-9_.+-]+)*");

        public Links {
            if (program == null || !RELATIVE.matcher(program).matches() || program.contains("..")) {
                throw new IllegalArgumentException(
                        "links: program must be a relative path inside the root, got \"" + program + "\"");
            }
            hardLinkDirs = hardLinkDirs == null ? List.of() : List.copyOf(hardLinkDirs);
            for (String d : hardLinkDirs) {
                if (!RELATIVE.matcher(d).matches() || d.contains("..")) {
                    throw new IllegalArgumentException(
                            "links: hardLinkDirs must be relative directories, got \"" + d + "\"");
                }
            }
        }
    }

    /** An image of the recipe: tag, steps bottom first, blob compression. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RecipeImage(String name, List<String> layers, Compression compression) {
        public RecipeImage {
            if (name == null || name.isBlank() || layers == null || layers.isEmpty() || compression == null) {
                throw new IllegalArgumentException("recipe image needs a name, layers and a compression");
            }
            layers = List.copyOf(layers);
        }
    }

    public RealRecipe {
        steps = List.copyOf(steps == null ? List.of() : steps);
        images = List.copyOf(images == null ? List.of() : images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("recipe without images");
        }
        Map<String, Step> byName = new HashMap<>();
        for (Step s : steps) {
            if (byName.put(s.name(), s) != null) {
                throw new IllegalArgumentException("recipe step " + s.name() + " named twice");
            }
        }
        for (RecipeImage image : images) {
            String below = null;
            for (String layer : image.layers()) {
                Step s = byName.get(layer);
                if (s == null) {
                    throw new IllegalArgumentException("image " + image.name() + ": no step named " + layer);
                }
                if (s.action() == Action.debootstrap && below != null) {
                    throw new IllegalArgumentException(
                            "image " + image.name() + ": debootstrap step " + layer + " must be the bottom layer");
                }
                if (s.action() == Action.install && !s.parent().equals(below)) {
                    throw new IllegalArgumentException("image " + image.name() + ": step " + layer + " installs on "
                            + s.parent() + " but sits on " + below);
                }
                if (below == null && s.action() != Action.debootstrap) {
                    throw new IllegalArgumentException(
                            "image " + image.name() + ": the bottom layer must be a debootstrap step");
                }
                below = layer;
            }
        }
    }

    public Step step(String name) {
        return steps.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step named " + name));
    }
}
