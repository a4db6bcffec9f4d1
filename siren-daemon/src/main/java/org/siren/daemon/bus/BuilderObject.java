package org.siren.daemon.bus;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;
import org.siren.daemon.auth.Action;
import org.siren.daemon.auth.Authorizer;
import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.service.ImageService;
import org.siren.dbus.BusNames;
import org.siren.dbus.Builder1;
import org.siren.dbus.ImageEntry;
import org.siren.dbus.ObjectPaths;

/**
 * The manager object. Each changing method validates its arguments, then asks polkit, and only then
 * touches anything; read-only methods are open to every caller.
 */
public final class BuilderObject implements Builder1 {

    private final ImageService images;
    private final Authorizer authorizer;
    private final ImageRegistry registry;

    BuilderObject(ImageService images, Authorizer authorizer, ImageRegistry registry) {
        this.images = images;
        this.authorizer = authorizer;
        this.registry = registry;
    }

    @Override
    public String getObjectPath() {
        return BusNames.MANAGER_PATH;
    }

    @Override
    public List<ImageEntry> ListImages() {
        return ErrorMapping.reply("ListImages", () -> {
            List<ImageMetadata> all = images.store().list();
            registry.sync(all);
            return all.stream().map(BuilderObject::entry).toList();
        });
    }

    @Override
    public DBusPath GetImage(String name) {
        return ErrorMapping.reply("GetImage", () -> {
            ImageName image = ImageName.parse(name);
            images.store().get(image);
            registry.export(image);
            return new DBusPath(ObjectPaths.imagePath(image.value()));
        });
    }

    @Override
    public DBusPath NewContainer(String name, String base, Map<String, Variant<?>> options) {
        return ErrorMapping.reply("NewContainer", () -> {
            ImageName container = ImageName.parse(name);
            ImageName baseImage = ImageName.parse(base);
            Options.of("NewContainer", options, Set.of());
            authorizer.authorize(Callers.current(), Action.MANAGE);
            images.newContainer(container, baseImage);
            return new DBusPath(ObjectPaths.imagePath(container.value()));
        });
    }

    @Override
    public void RemoveImage(String name, Map<String, Variant<?>> options) {
        ErrorMapping.run("RemoveImage", () -> {
            ImageName image = ImageName.parse(name);
            Options.of("RemoveImage", options, Set.of());
            authorizer.authorize(Callers.current(), Action.MANAGE);
            images.remove(image);
        });
    }

    private static ImageEntry entry(ImageMetadata meta) {
        return new ImageEntry(meta.name().value(), meta.version(), meta.base().map(ImageName::value).orElse(""),
                meta.kind().wireName(), new DBusPath(ObjectPaths.imagePath(meta.name().value())));
    }
}
