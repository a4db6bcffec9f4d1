package org.siren.daemon.image;

import java.nio.file.Path;
import java.util.List;

/**
 * The layers an image consists of, top first: its own upper layer, then its base's, down to a base.
 * For a base, the chain is its single directory.
 */
public record LayerChain(List<ImageName> images, List<Path> layers) {

    public LayerChain {
        images = List.copyOf(images);
        layers = List.copyOf(layers);
        if (images.isEmpty() || images.size() != layers.size()) {
            throw new IllegalArgumentException("a layer chain needs one layer per image, got " + images + " / " + layers);
        }
    }

    public Path upper() {
        return layers.get(0);
    }

    /** The read-only layers under the top one, top first, as overlay's lowerdir wants them. */
    public List<Path> lowers() {
        return layers.subList(1, layers.size());
    }

    public int depth() {
        return layers.size();
    }
}
