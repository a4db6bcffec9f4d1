package org.siren.daemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class MountTableTest {

    @Test
    void readsMountPointsWithOctalEscapes() {
        List<String> lines = List.of(
                "22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw",
                "98 22 0:45 / /var/lib/machines/web\\0400 rw - overlay overlay rw,lowerdir=/a",
                "99 22 0:46 / /tmp/back\\134slash rw - tmpfs none rw");
        assertEquals(List.of(Path.of("/"), Path.of("/var/lib/machines/web 0"), Path.of("/tmp/back\\slash")),
                MountTable.parse(lines));
    }

    @Test
    void aBackslashWithoutDigitsStays() {
        assertEquals("a\\b", MountTable.unescape("a\\b"));
    }
}
