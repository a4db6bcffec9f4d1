package org.siren.daemon.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siren.testing.ServiceFixture.name;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.image.ImageKind;
import org.siren.daemon.system.MountTable;
import org.siren.daemon.units.ImageUnits;
import org.siren.daemon.units.Systemd;
import org.siren.testing.Root;
import org.siren.testing.ServiceFixture;

/** Containers on real overlayfs, mounted by the unit files siren writes (as root). */
class ImageServiceIntegrationTest {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
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
    void aNewContainerSeesItsBaseAndWritesOnlyToItsOwnLayer() throws IOException {
        siren.images.newContainer(name("web0"), name("base"));

        Path merged = siren.merged("web0");
        assertTrue(MountTable.isMountPoint(merged), "mounted at " + merged);
        assertEquals("from the base\n", Files.readString(merged.resolve("etc/base-file")));
        assertEmpty(siren.layout.layer(name("web0")));

        Files.writeString(merged.resolve("etc/written"), "by the container");
        Files.writeString(merged.resolve("etc/base-file"), "changed by the container");
        assertEquals("by the container", Files.readString(siren.layout.layer(name("web0")).resolve("etc/written")));
        assertEquals("from the base\n", Files.readString(siren.layout.layer(name("base")).resolve("etc/base-file")));
        assertFalse(Files.exists(siren.layout.layer(name("base")).resolve("etc/written")));
    }

    @Test
    void aNewContainerIsMountedWithoutADaemonReload() {
        int reloads = siren.systemd.reloads();
        siren.images.newContainer(name("web0"), name("base"));
        assertEquals(reloads, siren.systemd.reloads(), "systemd loads a new unit when it is first named");
        assertTrue(MountTable.isMountPoint(siren.merged("web0")));
    }

    @Test
    void aUnitSystemdHoldsAnOlderTextOfIsReloadedBeforeItStarts() throws IOException {
        siren.images.newContainer(name("web0"), name("base"));
        ImageUnits units = siren.units.unitsOf(name("web0"));
        String written = Files.readString(units.mountUnitFile());
        siren.systemd.stop(units.mountUnit());
        Files.writeString(units.mountUnitFile(), written.replace("redirect_dir=off", "redirect_dir=off,no_such_option"));
        siren.systemd.reload();
        assertFalse(siren.systemd.isActive(units.mountUnit()), "systemd now holds the older text");
        int reloads = siren.systemd.reloads();

        siren.units.install(siren.store.get(name("web0")));

        assertEquals(reloads + 1, siren.systemd.reloads());
        assertEquals(written, Files.readString(units.mountUnitFile()));
        assertTrue(MountTable.isMountPoint(siren.merged("web0")), "mounted with the text just written");
    }

    @Test
    void withoutAutofsTheMountUnitIsEnabledAndNspawnSettingsAreWritten() throws IOException {
        siren.images.newContainer(name("web0"), name("base"));
        ImageUnits units = siren.units.unitsOf(name("web0"));
        assertTrue(siren.systemd.isEnabled(units.mountUnit()));
        assertFalse(Files.exists(units.automountUnitFile()));
        assertTrue(Files.readString(units.nspawnSettingsFile()).contains("PrivateUsers=no"));
        assertEquals(ImageKind.CONTAINER, siren.store.get(name("web0")).kind());
    }

    @Test
    void withAutofsTheAutomountUnitIsEnabledInstead(@TempDir Path other) {
        try (ServiceFixture auto = new ServiceFixture(other, true)) {
            auto.images.newContainer(name("web0"), name("base"));
            ImageUnits units = auto.units.unitsOf(name("web0"));
            assertTrue(auto.systemd.isEnabled(units.automountUnit()));
            assertFalse(auto.systemd.isEnabled(units.mountUnit()));
            assertTrue(Files.exists(units.mountUnitFile()));
            assertTrue(Files.exists(auto.merged("web0").resolve("etc/base-file")));
        }
    }

    @Test
    void containersStackOnContainers() throws IOException {
        siren.images.newContainer(name("mid"), name("base"));
        Files.writeString(siren.merged("mid").resolve("mid-file"), "mid");
        siren.images.newContainer(name("top"), name("mid"));
        Path top = siren.merged("top");
        assertTrue(Files.exists(top.resolve("mid-file")));
        assertTrue(Files.exists(top.resolve("etc/base-file")));
        assertEquals(List.of(name("top"), name("mid"), name("base")), siren.store.chainOf(name("top")).images());
    }

    @Test
    void anExistingNameIsRefusedAndLeftAlone() throws IOException {
        siren.images.newContainer(name("web0"), name("base"));
        Files.writeString(siren.merged("web0").resolve("keep"), "me");
        SirenException e = assertThrows(SirenException.class, () -> siren.images.newContainer(name("web0"), name("base")));
        assertEquals(Reason.IMAGE_EXISTS, e.reason());
        assertTrue(e.getMessage().contains("sirenctl rm web0"), e.getMessage());
        assertEquals("me", Files.readString(siren.merged("web0").resolve("keep")));
    }

    @Test
    void aMachineDirectoryNotMadeBySirenIsRefused() throws IOException {
        Files.createDirectories(siren.merged("other"));
        Files.writeString(siren.merged("other").resolve("file"), "someone's machine");
        SirenException e = assertThrows(SirenException.class, () -> siren.images.newContainer(name("other"), name("base")));
        assertEquals(Reason.IMAGE_EXISTS, e.reason());
        assertFalse(Files.exists(siren.layout.layer(name("other"))));
    }

    @Test
    void aForeignUnitFileIsRefusedAndKept() throws IOException {
        ImageUnits units = siren.units.unitsOf(name("web0"));
        Files.writeString(units.mountUnitFile(), "[Mount]\nWhat=/dev/sdz\n");
        SirenException e = assertThrows(SirenException.class, () -> siren.images.newContainer(name("web0"), name("base")));
        assertTrue(e.getMessage().contains("was not written by siren"), e.getMessage());
        assertEquals("[Mount]\nWhat=/dev/sdz\n", Files.readString(units.mountUnitFile()));
    }

    @Test
    void aMissingBaseIsReportedAndNothingIsCreated() {
        SirenException e = assertThrows(SirenException.class, () -> siren.images.newContainer(name("web0"), name("nope")));
        assertEquals(Reason.NO_SUCH_IMAGE, e.reason());
        assertFalse(Files.exists(siren.layout.layer(name("web0"))));
        assertFalse(Files.exists(siren.layout.metadataFile(name("web0"))));
    }

    @Test
    void aFailedMountRollsEverythingBack(@TempDir Path other) {
        Systemd failing = new FakeSystemdThatCannotStart();
        try (ServiceFixture broken = new ServiceFixture(other, false, failing)) {
            SirenException e = assertThrows(SirenException.class,
                    () -> broken.images.newContainer(name("web0"), name("base")));
            assertTrue(e.getMessage().contains("could not start"), e.getMessage());
            ImageUnits units = broken.units.unitsOf(name("web0"));
            assertFalse(Files.exists(broken.layout.layer(name("web0"))));
            assertFalse(Files.exists(broken.layout.metadataFile(name("web0"))));
            assertFalse(Files.exists(units.mountUnitFile()));
            assertFalse(Files.exists(units.nspawnSettingsFile()));
            assertTrue(broken.store.stagingLeftovers().isEmpty());
        }
    }

    @Test
    void removeTakesUnitsMountAndLayerAway() {
        siren.images.newContainer(name("web0"), name("base"));
        ImageUnits units = siren.units.unitsOf(name("web0"));
        siren.images.remove(name("web0"));
        assertFalse(MountTable.isMountPoint(siren.merged("web0")));
        assertFalse(Files.exists(siren.merged("web0")));
        assertFalse(Files.exists(units.mountUnitFile()));
        assertFalse(Files.exists(units.nspawnSettingsFile()));
        assertFalse(siren.systemd.isEnabled(units.mountUnit()));
        assertFalse(Files.exists(siren.layout.layer(name("web0"))));
        assertTrue(Files.exists(siren.layout.layer(name("base")).resolve("etc/base-file")));
    }

    @Test
    void removeIsRefusedWhileImagesAreBuiltOnIt() {
        siren.images.newContainer(name("web0"), name("base"));
        siren.images.newContainer(name("web1"), name("base"));
        SirenException e = assertThrows(SirenException.class, () -> siren.images.remove(name("base")));
        assertEquals(Reason.IMAGE_BUSY, e.reason());
        assertTrue(e.getMessage().contains("is the base of web0, web1: remove them first"), e.getMessage());
        assertTrue(Files.exists(siren.layout.layer(name("base")).resolve("etc/base-file")));
        assertTrue(MountTable.isMountPoint(siren.merged("web0")));
    }

    @Test
    void removeIsRefusedWhileTheMachineRuns() throws IOException {
        siren.images.newContainer(name("web0"), name("base"));
        Files.writeString(siren.layout.machinedStateFile(name("web0")), "NAME=web0\n");
        SirenException e = assertThrows(SirenException.class, () -> siren.images.remove(name("web0")));
        assertEquals(Reason.IMAGE_BUSY, e.reason());
        assertTrue(e.getMessage().contains("machinectl poweroff web0"), e.getMessage());
        assertTrue(MountTable.isMountPoint(siren.merged("web0")));
    }

    @Test
    void aHandMadeBaseCanBeRemovedWhenUnused() {
        siren.images.remove(name("base"));
        assertFalse(Files.exists(siren.layout.layer(name("base"))));
    }

    private static void assertEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            assertEquals(List.of(), entries.toList(), "layer " + dir + " should be empty");
        }
    }

    /** systemd refusing to start the mount, as when the kernel refuses the overlay. */
    private static final class FakeSystemdThatCannotStart implements Systemd {
        @Override
        public void reload() {
        }

        @Override
        public boolean needsReload(String unit) {
            return false;
        }

        @Override
        public void enable(List<String> units) {
        }

        @Override
        public void disable(List<String> units) {
        }

        @Override
        public void start(String unit) {
            throw new SirenException(Reason.FAILED, "systemd could not start " + unit);
        }

        @Override
        public void stop(String unit) {
        }

        @Override
        public boolean isActive(String unit) {
            return false;
        }
    }
}
