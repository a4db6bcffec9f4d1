package org.siren.client.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class BusAddressTest {

    @Test
    void theSocketOfABusAddressIsFound() {
        assertEquals(Path.of("/run/dbus/system_bus_socket"), BusAddress.socketOf("unix:path=/run/dbus/system_bus_socket"));
        assertEquals(Path.of("/tmp/s"), BusAddress.socketOf("unix:guid=abc,path=/tmp/s;tcp:host=x"));
        assertEquals(Path.of("/tmp/s"), BusAddress.socketOf("tcp:host=x,port=1;unix:path=/tmp/s"));
    }

    @Test
    void escapedBytesAreUnescaped() {
        assertEquals(Path.of("/tmp/a b,c"), BusAddress.socketOf("unix:path=/tmp/a%20b%2cc"));
    }

    @Test
    void anAddressWithoutASocketFileIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BusAddress.socketOf("unix:abstract=/tmp/dbus-x"));
        assertTrue(e.getMessage().contains("unix:abstract=/tmp/dbus-x"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BusAddress.socketOf("tcp:host=localhost,port=1"));
    }
}
