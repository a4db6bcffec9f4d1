package org.siren.daemon.bus;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.service.ImageEvents;
import org.siren.daemon.service.ImageService;
import org.siren.dbus.BusNames;
import org.siren.dbus.Builder1;
import org.siren.dbus.ObjectPaths;

/**
 * Keeps one exported object per image and announces images as they come and go. Bases unpacked by
 * hand appear on the next ListImages or GetImage.
 */
final class ImageRegistry implements ImageEvents {

    private final DBusConnection connection;
    private final ImageService images;
    private final Set<ImageName> exported = new HashSet<>();
    private BuilderObject manager;

    ImageRegistry(DBusConnection connection, ImageService images) {
        this.connection = connection;
        this.images = images;
    }

    void setManager(BuilderObject manager) {
        this.manager = manager;
    }

    synchronized void export(ImageName name) {
        if (exported.add(name)) {
            try {
                connection.exportObject(new ImageObject(name, images, manager));
            } catch (DBusException e) {
                exported.remove(name);
                throw new IllegalStateException("cannot export the object of image " + name + ": " + e.getMessage(), e);
            }
        }
    }

    synchronized void unexport(ImageName name) {
        if (exported.remove(name)) {
            connection.unExportObject(ObjectPaths.imagePath(name.value()));
        }
    }

    synchronized void sync(List<ImageMetadata> present) {
        Set<ImageName> names = new HashSet<>();
        for (ImageMetadata meta : present) {
            names.add(meta.name());
            export(meta.name());
        }
        for (ImageName gone : Set.copyOf(exported)) {
            if (!names.contains(gone)) {
                unexport(gone);
            }
        }
    }

    @Override
    public void added(ImageName name) {
        export(name);
        Signals.send(connection, () -> new Builder1.ImageAdded(BusNames.MANAGER_PATH, name.value(), path(name)));
    }

    @Override
    public void removed(ImageName name) {
        unexport(name);
        Signals.send(connection, () -> new Builder1.ImageRemoved(BusNames.MANAGER_PATH, name.value(), path(name)));
    }


    private static DBusPath path(ImageName name) {
        return new DBusPath(ObjectPaths.imagePath(name.value()));
    }
}
