package org.siren.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.StoreLayout;
import org.siren.daemon.system.MountTable;
import org.siren.testing.BuildContexts;
import org.siren.testing.Processes;
import org.siren.testing.SirenEnvironment;
import org.siren.testing.TestDaemonMain;
import org.siren.testing.TestStore;
import org.siren.testing.TestUsers;
import org.siren.testing.TinyRootfs;
import org.siren.testing.Waits;

/** sirend killed with SIGKILL in the middle of a build, then started again on the same store. */
class DaemonCrashIntegrationTest {

    Path dir;
    StoreLayout layout;
    Process daemon;

    @BeforeEach
    void setUp() throws Exception {
        SirenEnvironment.shared();
        dir = Files.createTempDirectory("siren-crash-test-");
        layout = TestStore.under(dir);
        TinyRootfs.create(layout.layer(ImageName.parse("base")));
    }

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            daemon.destroyForcibly();
        }
        TestStore.unmountAll(dir);
    }

    private Process startDaemon() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TestDaemonMain.class.getName(), dir.toString(),
                SirenEnvironment.shared().bus.address()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals("ready")) {
                        CompletableFuture.runAsync(() -> drain(out));
                        return true;
                    }
                }
                return false;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertTrue(ready.get(60, TimeUnit.SECONDS), "the test daemon did not start");
        return process;
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // Keep the pipe from filling.
            }
        } catch (java.io.IOException e) {
            // The daemon is gone.
        }
    }

    @Test
    void aKilledDaemonLosesNothingAndItsNextStartCleansUp() throws Exception {
        daemon = startDaemon();
        SirenctlRunner user = new SirenctlRunner(SirenEnvironment.shared().bus.address(), TestUsers.ALLOWED);
        Path context = BuildContexts.create(Map.of("build.sh", "FROM base\nID victim 1\nSET /etc/version one\n"));
        assertEquals(0, user.run("build", context.toString()).exit());
        assertEquals(0, user.run("new", "victim0", "base").exit());

        Files.writeString(context.resolve("build.sh"), "FROM base\nID victim 2\nSET /etc/version two\nsleep 300\n");
        Processes.Result started = user.run("build", "--detach", context.toString());
        assertEquals(0, started.exit(), started.all());
        Waits.until("the build container to run", 30_000,
                () -> !Processes.run(List.of("pgrep", "-f", "sleep 300")).stdout().isBlank()
                        && Files.exists(buildDir().resolve("upper/etc/version")));

        daemon.destroyForcibly().waitFor();
        assertFalse(MountTable.mountsUnder(layout.layers()).isEmpty(), "the killed daemon left its build mounted");

        daemon = startDaemon();

        assertTrue(layout.layers().toFile().list((d, n) -> n.startsWith(".#")).length == 0, "staging removed");
        assertEquals(List.of(), MountTable.mountsUnder(layout.layers()));
        assertTrue(Processes.run(List.of("pgrep", "-f", "sleep 300")).stdout().isBlank(), "the orphaned container is gone");
        assertEquals("one\n", Files.readString(layout.layer(ImageName.parse("victim")).resolve("etc/version")));
        assertTrue(MountTable.isMountPoint(layout.mountPoint(ImageName.parse("victim"))), "still mounted");
        assertTrue(MountTable.isMountPoint(layout.mountPoint(ImageName.parse("victim0"))), "still mounted");
        Processes.Result list = user.run("list");
        assertTrue(list.stdout().lines().anyMatch(l -> l.matches("victim\\s+image\\s+1\\s+base")), list.stdout());
    }

    private Path buildDir() {
        String[] builds = layout.layers().toFile().list((d, n) -> n.startsWith(".#build-"));
        return builds == null || builds.length == 0 ? layout.layers().resolve("none") : layout.layers().resolve(builds[0]);
    }
}
