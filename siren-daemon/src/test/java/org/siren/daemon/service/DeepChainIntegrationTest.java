package org.siren.daemon.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siren.testing.ServiceFixture.name;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siren.daemon.units.ImageUnits;
import org.siren.testing.Root;
import org.siren.testing.ServiceFixture;

/** A chain of 200 layers, with names long enough that their paths alone would not fit in a page. */
class DeepChainIntegrationTest {

    static final int DEPTH = 200;

    @TempDir
    Path dir;
    ServiceFixture siren;

    @BeforeEach
    void setUp() {
        Root.require();
        siren = new ServiceFixture(dir, false);
    }

    @AfterEach
    void tearDown() {
        if (siren != null) {
            siren.close();
        }
    }

    private static String layerName(int i) {
        return String.format("a-rather-long-layer-name-%03d", i);
    }

    @Test
    void twoHundredLayersMountAndTheTopSeesEveryLayersFile() throws IOException {
        String below = "base";
        for (int i = 1; i <= DEPTH; i++) {
            siren.images.newContainer(name(layerName(i)), name(below));
            Files.writeString(siren.merged(layerName(i)).resolve("layer-" + i), Integer.toString(i));
            below = layerName(i);
        }

        Path top = siren.merged(layerName(DEPTH));
        for (int i = 1; i <= DEPTH; i++) {
            assertEquals(Integer.toString(i), Files.readString(top.resolve("layer-" + i)), "layer " + i);
        }
        assertTrue(Files.exists(top.resolve("etc/base-file")));
        assertEquals(DEPTH + 1, siren.store.chainOf(name(layerName(DEPTH))).depth());
        String unit = Files.readString(ImageUnits.of(name(layerName(DEPTH)), siren.layout).mountUnitFile());
        assertTrue(unit.contains(siren.layout.aliases() + "/~"), "deep chains are mounted through short aliases");
        String options = unit.lines().filter(l -> l.startsWith("Options=")).findFirst().orElseThrow();
        assertTrue(options.length() - "Options=".length() <= 4095, options.length() + " bytes");

        siren.images.remove(name(layerName(DEPTH)));
        try (var aliases = Files.newDirectoryStream(siren.layout.aliases(), "~*")) {
            for (Path alias : aliases) {
                assertTrue(Files.isDirectory(alias), "no alias is left dangling: " + alias);
            }
        }
    }
}
