package org.siren.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectPathsTest {

    /** Expected values are what sd_bus_path_encode() makes (as machined's image paths show). */
    @ParameterizedTest
    @CsvSource({
        "web, web",
        "my-app, my_2dapp",
        "nginx.1, nginx_2e1",
        "0day, _30day",
        "Web2, Web2",
    })
    void encodesLikeSdBus(String name, String encoded) {
        assertEquals(encoded, ObjectPaths.encode(name));
        assertEquals("/org/siren/Builder/image/" + encoded, ObjectPaths.imagePath(name));
    }
}
