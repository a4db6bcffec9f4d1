package org.siren.daemon.bus;

import org.freedesktop.dbus.DBusCallInfo;
import org.freedesktop.dbus.connections.base.AbstractConnectionBase;
import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.auth.Caller;
import org.siren.dbus.BusNames;

/** The caller of the method call being handled, read from the message header. */
final class Callers {

    private Callers() {
    }

    static Caller current() {
        DBusCallInfo info = AbstractConnectionBase.getCallInfo();
        if (info == null || info.getSource() == null) {
            throw new SirenException(Reason.NOT_AUTHORIZED, "not authorized: the caller of this method is unknown");
        }
        boolean interactive = (info.getFlags() & BusNames.ALLOW_INTERACTIVE_AUTHORIZATION) != 0;
        return new Caller(info.getSource(), interactive);
    }
}
