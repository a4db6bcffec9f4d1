package org.siren.daemon;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.siren.daemon.auth.PolkitAuthorizer;
import org.siren.daemon.bus.BusCalls;
import org.siren.daemon.image.StoreLayout;
import org.siren.daemon.system.KernelFeatures;
import org.siren.daemon.units.SystemdOverBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sirend's entry point, started by systemd (siren.service) or by bus activation. Exits non-zero when
 * it loses the bus, so that systemd restarts it.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final int METHOD_CALL_THREADS = 16;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            System.err.println("usage: sirend (no arguments; it is started by systemd as siren.service)");
            System.exit(2);
        }
        SdNotify notify = SdNotify.fromEnvironment();
        DBusConnection connection = DBusConnectionBuilder.forSystemBus()
                .withShared(false)
                .withDisconnectCallback(new ExitOnDisconnect())
                .receivingThreadConfig().withMethodCallThreadCount(METHOD_CALL_THREADS).connectionConfig()
                .build();
        BusCalls calls = new BusCalls(connection);
        boolean automount = KernelFeatures.hasAutofs();
        SirenDaemon daemon = SirenDaemon.start(connection,
                new SirenDaemon.Config(StoreLayout.system(), automount, 30_000, 600_000),
                new SystemdOverBus(calls), new PolkitAuthorizer(calls));
        int count = daemon.images().store().list().size();
        LOG.info("sirend ready: {} images, mounts by {}", count, automount ? "automount" : "mount units");
        notify.ready("serving " + count + " images");
        Runtime.getRuntime().addShutdownHook(new Thread(notify::stopping));
        Thread.currentThread().join();
    }

    private static final class ExitOnDisconnect implements org.freedesktop.dbus.connections.IDisconnectCallback {
        @Override
        public void disconnectOnError(java.io.IOException e) {
            LOG.error("lost the system bus: {}; exiting so that systemd restarts sirend", e.getMessage());
            Runtime.getRuntime().halt(1);
        }
    }
}
