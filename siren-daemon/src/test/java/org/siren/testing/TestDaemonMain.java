package org.siren.testing;

import java.nio.file.Path;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.siren.daemon.SirenDaemon;
import org.siren.daemon.auth.PolkitAuthorizer;
import org.siren.daemon.bus.BusCalls;

/**
 * sirend in a process of its own, over a test store, for tests that kill it. Mounts go through
 * {@link FakeSystemd}. Arguments: STORE-DIR BUS-ADDRESS. Prints "ready" when serving.
 */
public final class TestDaemonMain {

    private TestDaemonMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        var layout = TestStore.under(dir);
        DBusConnection connection = DBusConnectionBuilder.forAddress(args[1]).withShared(false).build();
        SirenDaemon.start(connection, new SirenDaemon.Config(layout, false, 2_000, 60_000),
                new FakeSystemd(layout.unitDir()), new PolkitAuthorizer(new BusCalls(connection)));
        System.out.println("ready");
        Thread.currentThread().join();
    }
}
