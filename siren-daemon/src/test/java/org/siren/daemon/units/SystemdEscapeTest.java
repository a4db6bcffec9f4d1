package org.siren.daemon.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SystemdEscapeTest {

    /** Expected values are what systemd-escape --path prints. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/var/lib/machines/web0|var-lib-machines-web0",
        "/var/lib/machines/my-app|var-lib-machines-my\\x2dapp",
        "/var/lib/machines/nginx.1|var-lib-machines-nginx.1",
        "/|-",
        "/a//b/|a-b",
        "/.hidden/x|\\x2ehidden-x",
        "/tmp/with space|tmp-with\\x20space",
        "/tmp/a_b:c|tmp-a_b:c",
    })
    void escapesLikeSystemd(String path, String expected) {
        assertEquals(expected, SystemdEscape.path(Path.of(path)));
    }
}
