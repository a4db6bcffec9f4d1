package org.siren.daemon.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.ImageStore;
import org.siren.daemon.image.LayerChain;
import org.siren.daemon.system.Command;

/** How much disk each image takes: its own layer (du, each inode once), and its whole chain. */
public final class DiskUsage {

    /** One image's use. */
    public record Usage(ImageMetadata image, long ownBytes, long chainBytes) {
    }

    private final ImageStore store;

    public DiskUsage(ImageStore store) {
        this.store = store;
    }

    public List<Usage> all() {
        Map<ImageName, Long> own = new HashMap<>();
        List<Usage> usage = new ArrayList<>();
        for (ImageMetadata meta : store.list()) {
            LayerChain chain = store.chainOf(meta.name());
            long chainBytes = 0;
            for (ImageName layer : chain.images()) {
                chainBytes += own.computeIfAbsent(layer, this::measure);
            }
            usage.add(new Usage(meta, own.get(meta.name()), chainBytes));
        }
        return usage;
    }

    private long measure(ImageName name) {
        String out = Command.check(List.of("du", "--summarize", "--one-file-system", "--block-size=1",
                store.layout().layer(name).toString()));
        return Long.parseLong(out.split("\\s+")[0]);
    }
}
