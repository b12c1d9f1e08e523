package dev.layerbench.dataset;

import dev.layerbench.tar.LayerWriterOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Writes a synthetic dataset's plan into a store: each distinct layer once, then every image's config and manifest. */
final class SyntheticBuilder {

    private SyntheticBuilder() {}

    static List<ImageRecord> build(SyntheticParameters p, ImageWriter writer, Progress progress) throws IOException {
        List<SyntheticGenerator.ImagePlan> plans = new SyntheticGenerator(p).plan();
        LayerWriterOptions options = LayerWriterOptions.of(p.compression()).sorted();
        Map<SyntheticGenerator.LayerPlan, LayerRecord> written = new IdentityHashMap<>();
        int total = p.distinctLayers();
        List<ImageRecord> images = new ArrayList<>();
        for (SyntheticGenerator.ImagePlan image : plans) {
            List<LayerRecord> layers = new ArrayList<>();
            List<String> history = new ArrayList<>();
            for (SyntheticGenerator.LayerPlan layer : image.layers()) {
                LayerRecord r = written.get(layer);
                if (r == null) {
                    r = writer.putLayer(layer.entries(), options, layer.files(), layer.whiteouts());
                    written.put(layer, r);
                    progress.step(String.format(
                            "layer %d/%d %s: %d files, %d bytes, %s %d bytes",
                            written.size(),
                            total,
                            layer.id(),
                            r.files(),
                            r.uncompressedSize(),
                            p.compression().label(),
                            r.size()));
                }
                layers.add(r);
                history.add("layerbench synthetic " + layer.id());
            }
            images.add(writer.putImage(image.name(), layers, history));
        }
        return images;
    }
}
