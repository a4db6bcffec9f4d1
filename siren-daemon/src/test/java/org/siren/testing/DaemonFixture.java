package org.siren.testing;

import java.nio.file.Path;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.siren.daemon.SirenDaemon;
import org.siren.daemon.auth.PolkitAuthorizer;
import org.siren.daemon.bus.BusCalls;

/**
 * sirend in this JVM, on the shared private system bus, over a temporary store, asking the real
 * polkitd. Mounts go through {@link FakeSystemd}.
 */
public final class DaemonFixture implements AutoCloseable {

    public final SirenEnvironment env;
    public final ServiceFixture store;
    public final DBusConnection connection;
    public final SirenDaemon daemon;

    private DaemonFixture(SirenEnvironment env, ServiceFixture store, DBusConnection connection, SirenDaemon daemon) {
        this.env = env;
        this.store = store;
        this.connection = connection;
        this.daemon = daemon;
    }

    public static DaemonFixture start(Path dir) {
        SirenEnvironment env = SirenEnvironment.shared();
        ServiceFixture store = new ServiceFixture(dir, false);
        try {
            DBusConnection connection = DBusConnectionBuilder.forAddress(env.bus.address()).withShared(false)
                    .receivingThreadConfig().withMethodCallThreadCount(8).connectionConfig().build();
            SirenDaemon daemon = SirenDaemon.start(connection,
                    new SirenDaemon.Config(store.layout, false, 2_000, 60_000), store.systemd,
                    new PolkitAuthorizer(new BusCalls(connection)));
            return new DaemonFixture(env, store, connection, daemon);
        } catch (DBusException e) {
            store.close();
            throw new IllegalStateException("cannot start sirend on " + env.bus.address() + ": " + e.getMessage(), e);
        }
    }

    public String address() {
        return env.bus.address();
    }

    @Override
    public void close() throws Exception {
        daemon.close();
        connection.close();
        store.close();
    }
}
