package org.siren.daemon.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;
import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.auth.Caller;
import org.siren.daemon.auth.Credentials;
import org.siren.daemon.system.Command;

/** Asks the bus daemon who is behind a caller's connection (GetConnectionCredentials). */
final class CallerCredentials {

    private static final BusCalls.Method CREDENTIALS = new BusCalls.Method("org.freedesktop.DBus",
            "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetConnectionCredentials", "s");

    private final BusCalls bus;

    CallerCredentials(BusCalls bus) {
        this.bus = bus;
    }

    Credentials of(Caller caller) {
        Map<?, ?> values;
        try {
            values = (Map<?, ?>) bus.call(CREDENTIALS, 10_000, caller.busName())[0];
        } catch (DBusExecutionException e) {
            throw new SirenException(Reason.NOT_AUTHORIZED, "the caller " + caller.busName()
                    + " is gone or unknown to the bus: " + e.getMessage(), e);
        }
        long uid = number(values.get("UnixUserID"), caller);
        List<Long> groups = new ArrayList<>();
        Object rawGroups = unwrap(values.get("UnixGroupIDs"));
        if (rawGroups instanceof List<?> list) {
            list.forEach(g -> groups.add(((Number) g).longValue()));
        } else if (rawGroups instanceof Object[] array) {
            for (Object g : array) {
                groups.add(((Number) g).longValue());
            }
        }
        return new Credentials(uid, primaryGroup(uid), groups);
    }

    private static long number(Object value, Caller caller) {
        Object plain = unwrap(value);
        if (plain instanceof Number n) {
            return n.longValue();
        }
        throw new SirenException(Reason.NOT_AUTHORIZED, "the bus did not say which user " + caller.busName() + " is");
    }

    private static Object unwrap(Object value) {
        return value instanceof Variant<?> v ? v.getValue() : value;
    }

    /** The user's primary group from the user database; nogroup for users without an entry. */
    private static long primaryGroup(long uid) {
        Command.Result result = Command.run(List.of("getent", "passwd", Long.toString(uid)));
        if (result.succeeded()) {
            String[] fields = result.output().split(":");
            if (fields.length > 3) {
                return Long.parseLong(fields[3]);
            }
        }
        return 65534;
    }
}
