package dev.layerbench.layout;

import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The process {@link LayoutKillTest} kills with SIGKILL: opens a layout of kind {@code args[0]} over the images of the
 * OCI layout {@code args[1]} under {@code args[2]}, prints {@code base} once its shared base is built, then creates
 * containers without end, printing {@code created N} after each.
 */
public final class LayoutKillChild {

    private LayoutKillChild() {}

    public static void main(String[] args) throws Exception {
        LayoutKind kind = LayoutKind.ofLabel(args[0]);
        try (ImageArchive archive = ImageArchive.open(Path.of(args[1]))) {
            List<Image> images = new ArrayList<>();
            for (String ref : archive.refs()) {
                images.add(archive.image(ref));
            }
            Layout layout = kind.open(archive, images, Path.of(args[2]), LayoutOptions.defaults());
            System.out.println("base");
            System.out.flush();
            for (int i = 0; ; i++) {
                layout.create("c" + i, images.get(i % images.size()));
                System.out.println("created " + i);
                System.out.flush();
            }
        }
    }
}
