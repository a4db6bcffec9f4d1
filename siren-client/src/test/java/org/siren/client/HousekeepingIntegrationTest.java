package org.siren.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.StoreLayout;
import org.siren.daemon.job.Job;
import org.siren.daemon.units.ImageUnits;
import org.siren.testing.BuildContexts;
import org.siren.testing.DaemonFixture;
import org.siren.testing.Processes;
import org.siren.testing.TestUsers;
import org.siren.testing.Waits;

/** sirenctl prune and df. */
class HousekeepingIntegrationTest {

    static DaemonFixture siren;
    static SirenctlRunner allowed;
    static SirenctlRunner denied;

    @BeforeAll
    static void start() throws Exception {
        siren = DaemonFixture.start(Files.createTempDirectory("siren-housekeeping-test-"));
        allowed = new SirenctlRunner(siren.address(), TestUsers.ALLOWED);
        denied = new SirenctlRunner(siren.address(), TestUsers.DENIED);
    }

    @AfterAll
    static void stop() throws Exception {
        if (siren != null) {
            siren.close();
        }
    }

    @Test
    void pruneRemovesOnlyWhatNothingNeeds() throws Exception {
        StoreLayout layout = siren.store.layout;
        assertEquals(0, allowed.run("new", "keep0", "base").exit());
        Path context = BuildContexts.create(Map.of("build.sh", "FROM base\nID busy 1\nsleep 300\n"));
        Processes.Result started = allowed.run("build", "--detach", context.toString());
        long id = Long.parseLong(started.stdout().replaceAll("(?s).*job (\\d+)\\..*", "$1"));
        Job running = siren.daemon.jobs().get(id).orElseThrow();
        Waits.until("the build to run", 20_000, () -> running.progress() >= 1.0);

        Path leftover = Files.createDirectories(layout.layers().resolve(".#build-999999/upper"));
        Path workdir = Files.createDirectories(layout.workDir(ImageName.parse("ghost")));
        ImageUnits ghost = ImageUnits.of(ImageName.parse("ghost"), layout);
        Files.writeString(ghost.nspawnSettingsFile(), ImageUnits.MARKER + " for image ghost; x\n[Exec]\n");
        Files.writeString(ghost.mountUnitFile(), ImageUnits.MARKER + " for image ghost; x\n[Mount]\n");
        Path foreign = Files.writeString(layout.nspawnDir().resolve("other.nspawn"), "[Exec]\nBoot=yes\n");

        Processes.Result outsider = denied.run("--no-ask-password", "prune");
        assertEquals(ClientException.NOT_AUTHORIZED, outsider.exit(), outsider.all());

        Processes.Result dry = allowed.run("prune", "--dry-run");
        assertEquals(0, dry.exit(), dry.all());
        assertTrue(dry.stdout().contains("would remove " + layout.layers().resolve(".#build-999999")), dry.stdout());
        assertTrue(dry.stdout().contains("4 to remove."), dry.stdout());
        assertTrue(Files.exists(leftover) && Files.exists(workdir) && Files.exists(ghost.mountUnitFile()));

        Processes.Result pruned = allowed.run("prune");
        assertEquals(0, pruned.exit(), pruned.all());
        assertTrue(pruned.stdout().contains("4 removed."), pruned.stdout());
        assertFalse(Files.exists(layout.layers().resolve(".#build-999999")));
        assertFalse(Files.exists(workdir));
        assertFalse(Files.exists(ghost.nspawnSettingsFile()));
        assertFalse(Files.exists(ghost.mountUnitFile()));
        assertTrue(Files.exists(foreign), "a file siren did not write stays");
        assertTrue(Files.isDirectory(layout.layers().resolve(".#build-" + id)), "the running build's directory stays");
        assertTrue(Files.exists(siren.store.merged("keep0").resolve("etc/base-file")), "images stay");

        running.cancelToken().cancel();
    }

    @Test
    void dfShowsOwnAndChainSizes() {
        assertEquals(0, allowed.run("new", "sized0", "base").exit());
        Processes.Result r = denied.run("df");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.stdout().startsWith("NAME"), r.stdout());
        String base = r.stdout().lines().filter(l -> l.startsWith("base ")).findFirst().orElseThrow();
        String sized = r.stdout().lines().filter(l -> l.startsWith("sized0 ")).findFirst().orElseThrow();
        String[] baseColumns = base.split("\\s{2,}");
        String[] sizedColumns = sized.split("\\s{2,}");
        assertEquals(baseColumns[2], baseColumns[3], "a base's chain is itself: " + base);
        assertTrue(sizedColumns[2].endsWith("KiB") || sizedColumns[2].endsWith("B"), sized);
        assertTrue(sizedColumns[3].endsWith("MiB"), "a container's chain includes its base: " + sized);
        assertTrue(r.stdout().contains("Total: "), r.stdout());
    }
}
