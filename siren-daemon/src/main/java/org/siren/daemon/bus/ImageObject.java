package org.siren.daemon.bus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;
import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.ImageStore;
import org.siren.daemon.image.LayerChain;
import org.siren.daemon.service.ImageService;
import org.siren.dbus.Image1;
import org.siren.dbus.ObjectPaths;

/**
 * One image on the bus. Its properties are read fresh on every call.
 */
final class ImageObject extends ReadOnlyProperties implements Image1 {

    private static final String IFACE = "org.siren.Image1";

    private final ImageName name;
    private final ImageService images;
    private final BuilderObject manager;

    ImageObject(ImageName name, ImageService images, BuilderObject manager) {
        this.name = name;
        this.images = images;
        this.manager = manager;
    }

    @Override
    public String getObjectPath() {
        return ObjectPaths.imagePath(name.value());
    }

    @Override
    public void Remove(Map<String, Variant<?>> options) {
        manager.RemoveImage(name.value(), options);
    }

    @Override
    protected String propertiesInterface() {
        return IFACE;
    }

    @Override
    protected String describe() {
        return "image " + name;
    }

    @Override
    protected Map<String, Variant<?>> properties() {
        ImageStore store = images.store();
        ImageMetadata meta = store.get(name);
        LayerChain chain = store.chainOf(name);
        Map<String, Variant<?>> map = new LinkedHashMap<>();
        map.put("Name", new Variant<>(name.value()));
        map.put("Version", new Variant<>(meta.version()));
        map.put("Kind", new Variant<>(meta.kind().wireName()));
        map.put("Base", new Variant<>(meta.base().map(ImageName::value).orElse("")));
        map.put("Layers", new Variant<>(chain.layers().stream().map(Path::toString).toList(), "as"));
        map.put("Path", new Variant<>(store.layout().layer(name).toString()));
        map.put("MountPoint", new Variant<>(meta.isMounted() ? store.layout().mountPoint(name).toString() : ""));
        map.put("UsageBytes", new Variant<>(new UInt64(usage(store.layout().layer(name)))));
        map.put("Created", new Variant<>(new UInt64(meta.created().getEpochSecond() * 1_000_000L)));
        map.put("Mounted", new Variant<>(meta.isMounted() && images.units().isMounted(name)));
        map.put("Dependents", new Variant<>(store.dependentsOf(name).stream().map(ImageName::value).toList(), "as"));
        return map;
    }

    /** Bytes of the image's own layer (not of the layers under it), counting each file once. */
    static long usage(Path layer) {
        AtomicLong total = new AtomicLong();
        try {
            Files.walkFileTree(layer, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total.addAndGet(attrs.size());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + layer + ": " + e.getMessage(), e);
        }
        return total.get();
    }
}
