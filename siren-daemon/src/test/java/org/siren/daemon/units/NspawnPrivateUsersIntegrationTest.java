package org.siren.daemon.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.siren.testing.Processes;
import org.siren.testing.Root;
import org.siren.testing.ServiceFixture;

/**
 * The stock systemd-nspawn@.service starts containers with -U --settings=override. On an overlay,
 * systemd 252 cannot use an ID-mapped mount and chowns the merged tree, copying every base file up
 * into the container's layer. siren's settings file must prevent that. The same nspawn arguments are
 * used here, with --register=no --keep-unit because this host has no systemd as PID 1; the settings
 * file is placed in /run/systemd/nspawn, where nspawn looks too, and removed afterwards.
 */
class NspawnPrivateUsersIntegrationTest {

    private static final Path RUNTIME_SETTINGS = Path.of("/run/systemd/nspawn");

    @TempDir
    Path dir;
    ServiceFixture siren;
    String machine;

    @BeforeEach
    void setUp() throws IOException {
        Root.require();
        Root.requireTool("systemd-nspawn");
        siren = new ServiceFixture(dir, false);
        Files.write(siren.layout.layer(name("base")).resolve("ballast"), new byte[4 * 1024 * 1024]);
        machine = "sirentest-" + ProcessHandle.current().pid();
        siren.images.newContainer(name(machine), name("base"));
    }

    @AfterEach
    void tearDown() throws IOException {
        Files.deleteIfExists(RUNTIME_SETTINGS.resolve(machine + ".nspawn"));
        if (siren != null) {
            siren.close();
        }
    }

    @Test
    void withSirensSettingsAStartAsTheStockUnitDoesCopiesNothingUp() throws IOException {
        Files.createDirectories(RUNTIME_SETTINGS);
        Files.copy(siren.units.unitsOf(name(machine)).nspawnSettingsFile(), RUNTIME_SETTINGS.resolve(machine + ".nspawn"));

        Processes.Result run = startLikeTheStockUnit();

        assertEquals(0, run.exit(), run.all());
        long layer = usage(siren.layout.layer(name(machine)));
        assertTrue(layer < 256 * 1024, "the container's layer holds " + layer + " bytes after a start");
    }

    @Test
    void withoutThemTheSameStartCopiesTheWholeBaseUp() {
        Processes.Result run = startLikeTheStockUnit();

        assertEquals(0, run.exit(), run.all());
        long layer = usage(siren.layout.layer(name(machine)));
        assertTrue(layer > 4 * 1024 * 1024, "expected the 4 MiB ballast copied up, layer holds " + layer + " bytes");
    }

    private Processes.Result startLikeTheStockUnit() {
        return Processes.run(List.of("systemd-nspawn", "--quiet", "--register=no", "--keep-unit", "-U",
                "--settings=override", "--machine=" + machine, "-D", siren.merged(machine).toString(), "/bin/true"));
    }

    private static long usage(Path dir) {
        String out = Processes.check(List.of("du", "-s", "--block-size=1", dir.toString()));
        return Long.parseLong(out.split("\\s+")[0]);
    }
}
