package org.siren.client.bus;

import java.nio.file.Path;

/** The socket of a D-Bus address: the first "unix:path=" entry of a ";"-separated list. */
public final class BusAddress {

    public static final String SYSTEM_BUS = "unix:path=/run/dbus/system_bus_socket";

    private BusAddress() {
    }

    /** $DBUS_SYSTEM_BUS_ADDRESS when set, else the standard system bus socket. */
    public static String systemBus() {
        String address = System.getenv("DBUS_SYSTEM_BUS_ADDRESS");
        return address == null || address.isBlank() ? SYSTEM_BUS : address;
    }

    /** The socket path of the first unix:path= address, or an error naming the address. */
    public static Path socketOf(String address) {
        for (String one : address.split(";")) {
            if (!one.startsWith("unix:")) {
                continue;
            }
            for (String pair : one.substring("unix:".length()).split(",")) {
                if (pair.startsWith("path=")) {
                    return Path.of(unescape(pair.substring("path=".length())));
                }
            }
        }
        throw new IllegalArgumentException("no unix:path= socket in the bus address '" + address
                + "'; sirenctl talks to the system bus over a unix socket file");
    }

    /** D-Bus addresses escape bytes as %XX. */
    private static String unescape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                out.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
