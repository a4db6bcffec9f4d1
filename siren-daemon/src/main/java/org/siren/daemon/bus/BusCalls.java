package org.siren.daemon.bus;

import org.freedesktop.dbus.connections.AbstractConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;

/**
 * Plain method calls on other services (polkit, systemd) whose replies dbus-java's typed proxies
 * cannot map (structs with dictionaries): the reply's values come back as dbus-java decodes them.
 */
public final class BusCalls {

    private final AbstractConnection connection;

    public BusCalls(AbstractConnection connection) {
        this.connection = connection;
    }

    /** A service's method, with the wire signature of its arguments. */
    public record Method(String destination, String path, String iface, String member, String signature) {
    }

    public Object[] call(Method method, long timeoutMillis, Object... args) {
        return call(method, (byte) 0, timeoutMillis, args);
    }

    public Object[] call(Method method, byte flags, long timeoutMillis, Object... args) {
        try {
            MethodCall call = connection.getMessageFactory().createMethodCall(method.destination(), method.path(),
                    method.iface(), method.member(), flags, method.signature().isEmpty() ? null : method.signature(),
                    args);
            connection.sendMessage(call);
            Message reply = call.getReply(timeoutMillis);
            if (reply == null) {
                throw new DBusExecutionException(describe(method) + " did not answer within " + timeoutMillis + " ms");
            }
            if (reply instanceof org.freedesktop.dbus.messages.Error error) {
                Object[] params = error.getParameters();
                String text = params != null && params.length > 0 ? String.valueOf(params[0]) : "";
                throw new DBusExecutionException(describe(method) + " failed: " + error.getName() + ": " + text);
            }
            Object[] values = reply.getParameters();
            return values == null ? new Object[0] : values;
        } catch (DBusException e) {
            throw new DBusExecutionException(describe(method) + " failed: " + e.getMessage(), e);
        }
    }

    private static String describe(Method method) {
        return method.iface() + "." + method.member() + " on " + method.destination();
    }
}
