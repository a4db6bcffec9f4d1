package org.siren.daemon.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siren.testing.ServiceFixture.name;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.system.MountTable;
import org.siren.daemon.units.ImageUnits;
import org.siren.testing.Processes;
import org.siren.testing.Root;
import org.siren.testing.ServiceFixture;

/** What a crashed daemon leaves, and what the next start makes of it. */
class StoreRecoveryIntegrationTest {

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

    @Test
    void stagingLeftoversAndTheirMountsAreRemoved() throws IOException {
        Path staging = siren.layout.layers().resolve(".#web.build-1");
        Files.createDirectories(staging.resolve("merged"));
        Processes.check(List.of("mount", "-t", "tmpfs", "none", staging.resolve("merged").toString()));

        siren.recover();

        assertFalse(Files.exists(staging));
        assertFalse(MountTable.isMountPoint(staging.resolve("merged")));
    }

    @Test
    void metadataWithoutALayerIsRemovedWithItsUnits() throws IOException {
        siren.images.newContainer(name("web0"), name("base"));
        siren.systemd.stop(siren.units.unitsOf(name("web0")).mountUnit());
        Files.delete(siren.layout.layer(name("web0")));

        siren.recover();

        assertFalse(Files.exists(siren.layout.metadataFile(name("web0"))));
        assertFalse(Files.exists(siren.units.unitsOf(name("web0")).mountUnitFile()));
    }

    @Test
    void aCrashBeforeTheUnitsWereWrittenIsCompletedAtStart() throws IOException {
        siren.store.create(ImageMetadata.container(name("web0"), name("base"), Instant.now()));

        siren.recover();

        assertTrue(MountTable.isMountPoint(siren.merged("web0")));
        assertTrue(Files.exists(siren.merged("web0").resolve("etc/base-file")));
    }

    @Test
    void unitsOfVanishedImagesAreRemovedButForeignUnitsStay() throws IOException {
        siren.images.newContainer(name("web0"), name("base"));
        ImageUnits units = siren.units.unitsOf(name("web0"));
        siren.systemd.stop(units.mountUnit());
        siren.store.delete(name("web0"));
        Path foreign = siren.layout.unitDir().resolve("srv-data.mount");
        Files.writeString(foreign, "[Mount]\nWhat=/dev/sdz\nWhere=/srv/data\n");

        siren.recover();

        assertFalse(Files.exists(units.mountUnitFile()));
        assertFalse(Files.exists(units.nspawnSettingsFile()));
        assertTrue(Files.exists(foreign));
    }

    @Test
    void aRestartKeepsImagesMountedAndRewritesDamagedUnits() throws IOException {
        siren.images.newContainer(name("web0"), name("base"));
        Files.writeString(siren.merged("web0").resolve("state"), "kept");
        ImageUnits units = siren.units.unitsOf(name("web0"));
        Files.writeString(units.mountUnitFile(), Files.readString(units.mountUnitFile()).replace("Options=", "Options=x"));
        int reloads = siren.systemd.reloads();

        siren.recover();

        assertTrue(MountTable.isMountPoint(siren.merged("web0")));
        assertEquals("kept", Files.readString(siren.merged("web0").resolve("state")));
        assertFalse(Files.readString(units.mountUnitFile()).contains("Options=x"));
        assertEquals(reloads + 1, siren.systemd.reloads());
        assertEquals(1, MountTable.mountsUnder(siren.merged("web0")).size(), "mounted once, not twice");
    }

    @Test
    void anUnmountedImageIsMountedAgainAtStart() {
        siren.images.newContainer(name("web0"), name("base"));
        siren.systemd.stop(siren.units.unitsOf(name("web0")).mountUnit());

        siren.recover();

        assertTrue(MountTable.isMountPoint(siren.merged("web0")));
    }
}
