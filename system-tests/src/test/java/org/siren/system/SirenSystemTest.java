package org.siren.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.siren.dbus.Builder1;
import org.siren.testing.InterfaceShape;
import org.siren.testing.Processes;
import org.siren.testing.SirenEnvironment;
import org.siren.testing.TestStore;
import org.testcontainers.DockerClientFactory;

/**
 * siren where its users run it: installed in a booted Debian host (systemd as PID 1, the real system
 * bus, polkitd, machined) with the README's own first command, then used as a member of group siren
 * (alice) and as an outsider (bob), with machinectl booting what it built.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SirenSystemTest {

    /** Fails unless sirenctl's class-data archive exists and fits the installed JDK and jars. */
    private static final String CLIENT_ARCHIVE_MAPS = "java -Xshare:on"
            + " -XX:SharedArchiveFile=/usr/share/siren/client/sirenctl.jsa -cp '/usr/share/siren/client/*'"
            + " org.siren.client.Sirenctl --version";

    static Path store;
    static TestHost host;

    @BeforeAll
    static void boot() throws IOException {
        boolean docker = DockerClientFactory.instance().isDockerAvailable();
        if (System.getenv("CI") != null) {
            Assertions.assertTrue(docker, "the system tier needs a Docker engine: .ci/run starts dockerd");
        } else {
            Assumptions.assumeTrue(docker, "no Docker engine here: the system tier is skipped (sudo ./test.sh"
                    + " starts one, as .ci/run does)");
        }
        String image = HostImage.ensure();
        store = Files.createTempDirectory("siren-system-store-");
        host = TestHost.boot(image, store, SirenBundle.stage());
    }

    @AfterAll
    static void shutDown() {
        if (host != null) {
            host.close();
        }
        if (store != null) {
            TestStore.unmountAll(store);
            Processes.run(List.of("rm", "-rf", "--one-file-system", store.toString()));
        }
    }

    /** The first sh block of README.md: install siren and build the examples. */
    static String readmeMainCommand() throws IOException {
        String readme = Files.readString(SirenEnvironment.projectRoot().resolve("README.md"));
        Matcher m = Pattern.compile("```sh\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README.md has no sh block");
        return m.group(1).trim();
    }

    @Test
    @Order(1)
    void theReadmesFirstCommandInstallsSirenAndBuildsTheExamples() throws IOException {
        TestHost.Result r = host.sh("cd /opt/siren && " + readmeMainCommand() + " 2>&1");

        assertEquals(0, r.exit(), r.all());
        assertTrue(r.stdout().contains("siren.service is active"), r.stdout());
        assertTrue(r.stdout().contains("Built debian 12."), r.stdout());
        assertTrue(r.stdout().strip().endsWith("Built nginx 12.\nStart it with: machinectl start nginx"), r.stdout());
        assertEquals(0, host.sh("systemctl is-enabled var-lib-machines-nginx.mount").exit());
        assertEquals(0, host.sh(CLIENT_ARCHIVE_MAPS).exit(), "sirenctl's class-data archive");
        assertEquals(0, host.sh("findmnt /var/lib/machines/nginx").exit(), "mounted by its unit");
    }

    @Test
    @Order(2)
    void machinectlBootsTheImageAndNginxAnswersOnTheHostsLoopback() {
        TestHost.Result start = host.sh("machinectl start nginx");
        assertEquals(0, start.exit(), start.all());
        host.await("nginx to answer", 90_000, "curl -sf http://127.0.0.1:8080/ | grep -q 'built by siren'");
        host.sh("machinectl poweroff nginx");
        host.await("machine nginx to stop", 60_000, "! machinectl status nginx >/dev/null 2>&1");

        assertBaseNotCopiedInto("nginx");
    }

    /** The stock unit's -U would chown the merged tree, copying every file of debian up into the layer. */
    private static void assertBaseNotCopiedInto(String image) {
        assertEquals(1, host.sh("test -e /var/lib/siren/" + image + "/usr/bin/bash").exit(),
                "debian's files were copied up into " + image + "'s layer");
        long kib = Long.parseLong(host.sh("du -sk /var/lib/siren/" + image + " | cut -f1").stdout().trim());
        assertTrue(kib < 64 * 1024, image + "'s layer holds " + kib + " KiB after a boot");
    }

    @Test
    @Order(3)
    void aContainerOnNginxKeepsItsRuntimeFilesInItsOwnLayer() {
        assertEquals(0, host.sh("cp /usr/share/doc/siren/50-siren.rules /etc/polkit-1/rules.d/").exit(),
                "an administrator grants group siren, as the README says");
        TestHost.Result created = host.as("alice", "sirenctl new nginx0 nginx");
        assertEquals(0, created.exit(), created.all());
        String nginxFiles = host.sh("find /var/lib/siren/nginx | wc -l").stdout().trim();

        assertEquals(0, host.sh("machinectl start nginx0").exit());
        host.await("nginx0 to answer", 90_000, "curl -sf http://127.0.0.1:8080/ | grep -q 'built by siren'");
        host.sh("machinectl poweroff nginx0");
        host.await("machine nginx0 to stop", 60_000, "! machinectl status nginx0 >/dev/null 2>&1");

        assertBaseNotCopiedInto("nginx0");
        assertEquals(0, host.sh("test -d /var/lib/siren/nginx0/var/log").exit(), "its runtime files are in its layer");
        assertEquals(nginxFiles, host.sh("find /var/lib/siren/nginx | wc -l").stdout().trim(), "nginx is unchanged");
    }

    @Test
    @Order(4)
    void anOutsiderIsDeniedEverythingAndNothingChanges() {
        String before = host.sh("ls /var/lib/siren /var/lib/machines; sirenctl list").stdout();

        for (String command : new String[] {"sirenctl --no-ask-password new bobs nginx",
            "sirenctl --no-ask-password rm nginx0", "sirenctl --no-ask-password build /opt/siren/examples/nginx"}) {
            TestHost.Result r = host.as("bob", command);
            assertEquals(4, r.exit(), command + ": " + r.all());
            assertTrue(r.stderr().contains("not authorized"), r.all());
        }
        assertEquals(0, host.as("bob", "sirenctl list").exit(), "reading is open to everyone");
        assertEquals(before, host.sh("ls /var/lib/siren /var/lib/machines; sirenctl list").stdout());
    }

    @Test
    @Order(5)
    void restartingSirenKeepsEveryImageMounted() {
        assertEquals(0, host.sh("systemctl restart siren").exit());
        assertEquals(0, host.sh("findmnt /var/lib/machines/nginx && findmnt /var/lib/machines/nginx0").exit());
        TestHost.Result list = host.as("alice", "sirenctl list");
        assertTrue(list.stdout().contains("nginx0"), list.all());
    }

    @Test
    @Order(6)
    void aBusCallStartsTheStoppedService() {
        assertEquals(0, host.sh("systemctl stop siren").exit());
        TestHost.Result call = host.as("bob", "busctl call org.siren.Builder /org/siren/Builder org.siren.Builder1"
                + " ListImages");
        assertEquals(0, call.exit(), call.all());
        assertTrue(call.stdout().contains("\"nginx0\""), call.stdout());
        host.await("siren.service to report ready", 30_000, "systemctl is-active --quiet siren");
    }

    @Test
    @Order(7)
    void introspectionMatchesTheCheckedInXml() throws IOException {
        TestHost.Result live = host.sh("busctl introspect --xml-interface org.siren.Builder /org/siren/Builder");
        assertEquals(0, live.exit(), live.all());
        assertEquals(InterfaceShape.of(checkedIn("org.siren.Builder1"), "org.siren.Builder1"),
                InterfaceShape.of(live.stdout(), "org.siren.Builder1"));
        TestHost.Result installed = host.sh("cat /usr/share/dbus-1/interfaces/org.siren.Builder1.xml");
        assertEquals(checkedIn("org.siren.Builder1"), installed.stdout());
    }

    private static String checkedIn(String iface) throws IOException {
        try (InputStream in = Builder1.class.getResourceAsStream(iface + ".xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @Order(8)
    void theDebianPackageInstallsOverItAndKeepsEverything() throws IOException {
        Path deb;
        try (var files = Files.list(SirenEnvironment.projectRoot().resolve("siren-deb/target"))) {
            deb = files.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no .deb in siren-deb/target: run mvn package first"));
        }
        host.copy(deb, "/var/tmp/siren.deb");

        TestHost.Result install = host.sh("dpkg -i /var/tmp/siren.deb 2>&1");

        assertEquals(0, install.exit(), install.all());
        assertEquals(0, host.sh("dpkg -s siren | grep -q '^Status: install ok installed'").exit());
        host.await("siren.service to run again", 30_000, "systemctl is-active --quiet siren");
        assertEquals(0, host.sh("test -s /usr/share/bash-completion/completions/sirenctl").exit());
        assertEquals(0, host.sh(CLIENT_ARCHIVE_MAPS).exit(), "sirenctl's class-data archive");
        TestHost.Result list = host.as("alice", "sirenctl list");
        assertTrue(list.stdout().contains("nginx0"), list.all());
        assertEquals(0, host.sh("findmnt /var/lib/machines/nginx0").exit());

        // A JDK upgrade (files under /usr/lib/jvm) makes the package make sirenctl's archive anew.
        TestHost.Result triggered = host.sh("rm /usr/share/siren/client/sirenctl.jsa"
                + " && dpkg-trigger --by-package=openjdk-17-jre-headless /usr/lib/jvm"
                + " && dpkg --triggers-only --pending 2>&1");
        assertEquals(0, triggered.exit(), triggered.all());
        assertEquals(0, host.sh(CLIENT_ARCHIVE_MAPS).exit(), "sirenctl's archive made again by the trigger");
    }

    @Test
    @Order(9)
    void aRebootKeepsEveryImageMountedAndStartable() {
        host.reboot();
        host.await("the images to be mounted", 60_000,
                "findmnt /var/lib/machines/nginx && findmnt /var/lib/machines/nginx0");
        assertEquals(0, host.sh("machinectl start nginx0").exit());
        host.await("nginx0 to answer after the reboot", 90_000,
                "curl -sf http://127.0.0.1:8080/ | grep -q 'built by siren'");
        host.sh("machinectl poweroff nginx0");
        host.await("machine nginx0 to stop", 60_000, "! machinectl status nginx0 >/dev/null 2>&1");
        TestHost.Result list = host.as("alice", "sirenctl list");
        assertTrue(list.stdout().contains("nginx0"), list.all());
    }
}
