package org.siren.daemon.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.siren.daemon.SirenException;
import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.LayerChain;
import org.siren.daemon.image.StoreLayout;

class UnitTextTest {

    private final StoreLayout layout = StoreLayout.system();
    private final ImageName web0 = ImageName.parse("my-web0");
    private final LayerChain chain = new LayerChain(
            List.of(web0, ImageName.parse("web"), ImageName.parse("debian")),
            List.of(Path.of("/var/lib/siren/my-web0"), Path.of("/var/lib/siren/web"), Path.of("/var/lib/siren/debian")));
    private final ImageMetadata meta = ImageMetadata.container(web0, ImageName.parse("web"), Instant.EPOCH);

    @Test
    void unitNamesAreEscapedMountPoints() {
        ImageUnits units = ImageUnits.of(web0, layout);
        assertEquals("var-lib-machines-my\\x2dweb0.mount", units.mountUnit());
        assertEquals("var-lib-machines-my\\x2dweb0.automount", units.automountUnit());
        assertEquals(Path.of("/etc/systemd/system/var-lib-machines-my\\x2dweb0.mount"), units.mountUnitFile());
        assertEquals(Path.of("/etc/systemd/nspawn/my-web0.nspawn"), units.nspawnSettingsFile());
    }

    @Test
    void overlayOptionsListLowersTopFirstWithOwnWorkdir() {
        String options = OverlayOptions.of(chain, layout.workDir(web0));
        assertEquals("lowerdir=/var/lib/siren/web:/var/lib/siren/debian,upperdir=/var/lib/siren/my-web0,"
                + "workdir=/var/lib/siren/.siren/work/my-web0,metacopy=off,redirect_dir=off", options);
    }

    @Test
    void mountUnitWithoutAutomountIsEnabledAtBoot() {
        ImageUnits units = ImageUnits.of(web0, layout);
        String text = UnitText.mount(units, meta, chain, "OPTS", true);
        assertTrue(text.startsWith(ImageUnits.MARKER + " for image my-web0;"), text);
        assertTrue(text.contains("\n[Mount]\nWhat=overlay\nWhere=/var/lib/machines/my-web0\nType=overlay\nOptions=OPTS\n"), text);
        assertTrue(text.contains("RequiresMountsFor=/var/lib/siren\n"), text);
        assertTrue(text.contains("[Install]\nWantedBy=multi-user.target\n"), text);
        assertFalse(UnitText.mount(units, meta, chain, "OPTS", false).contains("[Install]"));
    }

    @Test
    void automountWatchesTheSamePlace() {
        String text = UnitText.automount(ImageUnits.of(web0, layout), meta);
        assertTrue(text.contains("[Automount]\nWhere=/var/lib/machines/my-web0\n"), text);
        assertTrue(text.contains("[Install]\nWantedBy=multi-user.target\n"), text);
    }

    @Test
    void nspawnSettingsTurnOffUserNamespacing() {
        String text = UnitText.nspawnSettings(ImageUnits.of(web0, layout));
        assertTrue(text.contains("[Exec]\nPrivateUsers=no\n"), text);
    }

    @Test
    void layerPathsThatWouldInjectOptionsAreRefused() {
        for (String bad : List.of("/srv/a:b", "/srv/a,b", "/srv/a\\b")) {
            LayerChain injected = new LayerChain(List.of(web0, ImageName.parse("debian")),
                    List.of(Path.of(bad + "/my-web0"), Path.of(bad + "/debian")));
            SirenException e = assertThrows(SirenException.class, () -> OverlayOptions.of(injected, Path.of("/w")));
            assertTrue(e.getMessage().contains("overlay mount options cannot carry"), e.getMessage());
        }
    }

    @Test
    void moreLayersThanOverlayTakesAreRefusedWithAdvice() {
        List<Path> lowers = new ArrayList<>();
        for (int i = 0; i < OverlayOptions.MAX_LOWERS + 1; i++) {
            lowers.add(Path.of("/l" + i));
        }
        SirenException e = assertThrows(SirenException.class,
                () -> OverlayOptions.of(Path.of("/u"), lowers, Path.of("/w"), "image deep"));
        assertEquals("image deep has 502 layers; overlayfs takes at most 501: flatten part of the chain"
                + " ('sirenctl flatten') and build on that", e.getMessage());
    }

    @Test
    void optionsLongerThanAPageAreRefusedWithAdvice() {
        List<ImageName> images = new ArrayList<>();
        List<Path> layers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String name = "layer-with-a-long-name-" + i;
            images.add(ImageName.parse(name));
            layers.add(Path.of("/var/lib/siren/" + name));
        }
        SirenException e = assertThrows(SirenException.class,
                () -> OverlayOptions.of(new LayerChain(images, layers), Path.of("/w")));
        assertTrue(e.getMessage().contains("the kernel takes at most 4095"), e.getMessage());
    }
}
