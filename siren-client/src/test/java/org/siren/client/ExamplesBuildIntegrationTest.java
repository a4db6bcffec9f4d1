package org.siren.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.siren.daemon.image.ImageName;
import org.siren.testing.BuildContexts;
import org.siren.testing.DaemonFixture;
import org.siren.testing.Processes;
import org.siren.testing.TestUsers;

/**
 * The README's main job on this machine: examples/debian (a base, debootstrapped in the bootstrap
 * sandbox, by an administrator), then examples/nginx on it by a member of group siren, then a
 * container on nginx. Needs Debian's package mirror, as the examples do.
 */
class ExamplesBuildIntegrationTest {

    static DaemonFixture siren;

    @BeforeAll
    static void start() throws Exception {
        siren = DaemonFixture.start(Files.createTempDirectory("siren-examples-test-"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (siren != null) {
            siren.close();
        }
    }

    private static Path layer(String name) {
        return siren.store.layout.layer(ImageName.parse(name));
    }

    @Test
    void debianThenNginxThenAContainerOnIt() throws Exception {
        SirenctlRunner root = new SirenctlRunner(siren.address(), null);
        SirenctlRunner user = new SirenctlRunner(siren.address(), TestUsers.ALLOWED);

        Processes.Result debian = root.run("build", BuildContexts.example("debian").toString());
        assertEquals(0, debian.exit(), debian.all());
        assertTrue(debian.stdout().contains("Built debian 12."), debian.stdout());
        assertTrue(Files.exists(layer("debian").resolve("usr/lib/systemd/systemd")), "a bootable base");
        assertEquals("debian\n", Files.readString(layer("debian").resolve("etc/hostname")));

        Path nginxContext = BuildContexts.example("nginx");
        Processes.Result nginx = user.run("build", nginxContext.toString());
        assertEquals(0, nginx.exit(), nginx.all());
        assertTrue(nginx.stdout().contains("Step 12/12 : ENABLE nginx"), nginx.stdout());
        assertTrue(nginx.stdout().endsWith("Built nginx 12.\nStart it with: machinectl start nginx\n"), nginx.stdout());
        assertTrue(Files.exists(layer("nginx").resolve("usr/sbin/nginx")));
        assertTrue(Files.exists(layer("nginx").resolve("etc/nginx/conf.d/siren.conf")));
        assertTrue(Files.isSymbolicLink(layer("nginx").resolve("etc/systemd/system/multi-user.target.wants/nginx.service")));
        assertFalse(Files.exists(layer("debian").resolve("usr/sbin/nginx")), "the base is unchanged");
        assertFalse(Files.exists(layer("nginx").resolve("etc/resolv.conf"), LinkOption.NOFOLLOW_LINKS),
                "the build's DNS setup stays out of the image");

        assertEquals(0, user.run("new", "nginx0", "nginx").exit());
        Path merged = siren.store.merged("nginx0");
        assertTrue(Files.readString(merged.resolve("var/www/siren/index.html")).contains("built by siren"));
        try (var files = Files.list(layer("nginx0"))) {
            assertEquals(0, files.count(), "a new container's layer is empty");
        }

        Processes.Result again = user.run("build", nginxContext.toString());
        assertTrue(again.stdout().startsWith("nginx is up to date"), again.all());

        assertDebootstrappedBaseSurvivesARoundTrip(user);
    }

    /** The debootstrapped base, exported, imported again, exported again: the same files, modes and owners. */
    private static void assertDebootstrappedBaseSurvivesARoundTrip(SirenctlRunner user) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "siren-roundtrip-");
        Processes.check(List.of("chmod", "777", dir.toString()));
        Path first = dir.resolve("debian.tar.zst");
        Path second = dir.resolve("debian-again.tar");
        assertEquals(0, user.run("export", "debian", first.toString()).exit());
        Processes.Result imported = user.run("import", first.toString(), "debian-again", "--version", "12");
        assertEquals(0, imported.exit(), imported.all());
        assertEquals(0, user.run("export", "debian-again", second.toString()).exit());

        assertEquals(listing(first), listing(second));
        assertTrue(listing(second).size() > 5000, "a whole Debian: " + listing(second).size() + " entries");
        Processes.run(List.of("rm", "-rf", dir.toString()));
    }

    private static List<String> listing(Path tar) {
        return Processes.check(List.of("sh", "-c", "tar -tvf " + tar + " --numeric-owner | awk '{print $1, $2, $NF}'"))
                .lines().sorted().toList();
    }
}
