package org.siren.daemon.bus;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.siren.daemon.auth.Authorizer;
import org.siren.daemon.service.BuildService;
import org.siren.daemon.service.ImageService;
import org.siren.daemon.service.PruneService;
import org.siren.daemon.service.TransferService;
import org.siren.dbus.BusNames;

/** Puts siren on a bus: exports the manager, announces images, and takes the well-known name last. */
public final class BusEndpoint implements AutoCloseable {

    private final DBusConnection connection;

    private BusEndpoint(DBusConnection connection) {
        this.connection = connection;
    }

    public static BusEndpoint open(DBusConnection connection, ImageService images, BuildService builds,
            TransferService transfers, Authorizer authorizer) throws DBusException {
        CallerCredentials credentials = new CallerCredentials(new BusCalls(connection));
        ImageRegistry registry = new ImageRegistry(connection, images);
        PruneService prune = new PruneService(images.store(), builds.jobs());
        BuilderObject manager = new BuilderObject(images, builds, transfers, prune, authorizer, credentials, registry);
        registry.setManager(manager);
        images.setEvents(registry);
        transfers.setEvents(registry);
        builds.jobs().setListener(new JobRegistry(connection, authorizer, credentials));
        connection.exportObject(manager);
        registry.sync(images.store().list());
        connection.requestBusName(BusNames.SERVICE);
        return new BusEndpoint(connection);
    }

    @Override
    public void close() throws DBusException {
        connection.releaseBusName(BusNames.SERVICE);
    }
}
