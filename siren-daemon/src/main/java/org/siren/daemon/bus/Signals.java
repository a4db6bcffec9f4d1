package org.siren.daemon.bus;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.DBusSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends signals; a signal that cannot be built or sent is logged, never fatal to the work it reports. */
final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    /** Makes a signal (dbus-java's constructors declare DBusException). */
    interface Factory {
        DBusSignal make() throws DBusException;
    }

    private Signals() {
    }

    static void send(DBusConnection connection, Factory factory) {
        try {
            connection.sendMessage(factory.make());
        } catch (DBusException | RuntimeException e) {
            LOG.warn("could not send a signal: {}", e.getMessage());
        }
    }
}
