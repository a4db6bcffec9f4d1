package org.siren.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.siren.daemon.image.ImageName;
import org.siren.testing.DaemonFixture;
import org.siren.testing.PrivateSystemBus;
import org.siren.testing.Processes;
import org.siren.testing.SirenEnvironment;
import org.siren.testing.TestUsers;

/**
 * sirenctl, run as a member of group siren and as a user outside it, against sirend on a private
 * system bus with the real polkitd.
 */
class SirenctlIntegrationTest {

    static DaemonFixture siren;
    static SirenctlRunner allowed;
    static SirenctlRunner denied;

    @BeforeAll
    static void start() throws Exception {
        siren = DaemonFixture.start(Files.createTempDirectory("sirenctl-test-"));
        allowed = new SirenctlRunner(siren.address(), TestUsers.ALLOWED);
        denied = new SirenctlRunner(siren.address(), TestUsers.DENIED);
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
    void anAllowedUserCreatesAContainerThatSeesItsBaseAndWritesOnlyToItsLayer() throws Exception {
        Processes.Result r = allowed.run("new", "web0", "base");

        assertEquals(0, r.exit(), r.all());
        assertEquals("Created container web0 on base. Start it with:\n  machinectl start web0\n", r.stdout());
        Path merged = siren.store.merged("web0");
        assertEquals("from the base\n", Files.readString(merged.resolve("etc/base-file")));
        Files.writeString(merged.resolve("etc/motd"), "hello");
        assertTrue(Files.exists(layer("web0").resolve("etc/motd")));
        assertFalse(Files.exists(layer("base").resolve("etc/motd")));
    }

    @Test
    void aUserOutsideGroupSirenGetsOneClearLineAndNothingChanges() {
        Processes.Result r = denied.run("--no-ask-password", "new", "intruder", "base");

        assertEquals(ClientException.NOT_AUTHORIZED, r.exit(), r.all());
        assertTrue(r.stderr().startsWith("sirenctl: not authorized for org.siren.manage"), r.stderr());
        assertEquals(1, r.stderr().lines().count(), "one line, no stack trace: " + r.stderr());
        assertFalse(Files.exists(layer("intruder")));
        assertFalse(Files.exists(siren.store.merged("intruder")));
    }

    @Test
    void onATerminalPolkitAsksForAPasswordAndAWrongOneChangesNothing() {
        String command = String.join(" ", denied.argv("new", "asked", "base"));
        Processes.Result r = Processes.run(List.of("sh", "-c",
                "printf 'not-the-password\\n' | timeout 120 script -qec \"$0\" /dev/null", command));

        assertTrue(r.stdout().contains("==== AUTHENTICATING FOR org.siren.manage ===="), r.all());
        assertTrue(r.stdout().contains("Authentication is required to manage container images."), r.all());
        assertTrue(r.stdout().contains("sirenctl: not authorized for org.siren.manage"), r.all());
        assertFalse(Files.exists(layer("asked")));
    }

    @Test
    void invalidNamesAreRefusedWithTheRule() {
        Processes.Result r = allowed.run("new", "../escape", "base");
        assertEquals(ClientException.INVALID_INPUT, r.exit(), r.all());
        assertTrue(r.stderr().contains("invalid image name \"../escape\""), r.stderr());
        assertTrue(r.stderr().contains("names are 1-64 characters"), r.stderr());
        assertFalse(Files.exists(siren.store.layout.layers().resolve("escape")));
    }

    @Test
    void listShowsATableAndJson() {
        allowed.run("new", "listed", "base");
        Processes.Result table = denied.run("list");
        assertEquals(0, table.exit(), table.all());
        assertTrue(table.stdout().startsWith("NAME"), table.stdout());
        assertTrue(table.stdout().lines().anyMatch(l -> l.matches("listed\\s+container\\s+-\\s+base")), table.stdout());

        Processes.Result json = denied.run("list", "--json");
        assertEquals(0, json.exit(), json.all());
        assertTrue(json.stdout().contains("{\"name\":\"listed\",\"kind\":\"container\",\"version\":\"\",\"base\":\"base\","
                + "\"object\":\"/org/siren/Builder/image/listed\"}"), json.stdout());
    }

    @Test
    void inspectShowsLayersAndMountPoint() {
        allowed.run("new", "inspected", "base");
        Processes.Result r = denied.run("inspect", "inspected");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.stdout().contains("Kind: container"), r.stdout());
        assertTrue(r.stdout().contains("Mount point: " + siren.store.merged("inspected") + " (mounted)"), r.stdout());
        assertTrue(r.stdout().contains("Layers: 2"), r.stdout());

        Processes.Result json = denied.run("inspect", "--json", "inspected");
        assertTrue(json.stdout().contains("\"Name\":\"inspected\""), json.stdout());
        assertTrue(json.stdout().contains("\"Mounted\":true"), json.stdout());
    }

    @Test
    void inspectingAnUnknownImageSaysSo() {
        Processes.Result r = denied.run("inspect", "ghost");
        assertEquals(ClientException.NO_SUCH_IMAGE, r.exit(), r.all());
        assertTrue(r.stderr().contains("no image \"ghost\""), r.stderr());
    }

    @Test
    void rmRemovesAndRefusesWhatOthersAreBuiltOn() {
        allowed.run("new", "lower", "base");
        allowed.run("new", "upper", "lower");

        Processes.Result busy = allowed.run("rm", "lower");
        assertEquals(ClientException.BUSY, busy.exit(), busy.all());
        assertTrue(busy.stderr().contains("image lower is the base of upper: remove it first"), busy.stderr());

        Processes.Result ok = allowed.run("rm", "upper", "lower");
        assertEquals(0, ok.exit(), ok.all());
        assertEquals("Removed upper\nRemoved lower\n", ok.stdout());
        assertFalse(Files.exists(layer("upper")));
        assertFalse(Files.exists(layer("lower")));
    }

    @Test
    void renameMovesAContainerWithItsFilesAndMountAndFollowsTheDependentsRule() throws Exception {
        assertEquals(0, allowed.run("new", "before", "base").exit());
        Files.writeString(siren.store.merged("before").resolve("kept"), "state");

        Processes.Result r = allowed.run("rename", "before", "after");

        assertEquals(0, r.exit(), r.all());
        assertEquals("state", Files.readString(siren.store.merged("after").resolve("kept")));
        assertFalse(Files.exists(siren.store.merged("before")), "the old mount point is gone");
        assertFalse(Files.exists(layer("before")));
        assertFalse(Files.exists(siren.store.units.unitsOf(ImageName.parse("before")).mountUnitFile()));
        assertEquals("container", siren.store.store.get(ImageName.parse("after")).kind().wireName());

        assertEquals(0, allowed.run("new", "on-after", "after").exit());
        Processes.Result busy = allowed.run("rename", "after", "elsewhere");
        assertEquals(ClientException.BUSY, busy.exit(), busy.all());
        assertTrue(busy.stderr().contains("image after is the base of on-after"), busy.stderr());

        Processes.Result taken = allowed.run("rename", "on-after", "base");
        assertEquals(ClientException.INVALID_INPUT, taken.exit(), taken.all());
        assertTrue(Files.exists(siren.store.merged("on-after").resolve("kept")));
    }

    @Test
    void anUnreachableBusIsOneClearLine() {
        SirenctlRunner nowhere = new SirenctlRunner("unix:path=/nonexistent/socket", TestUsers.ALLOWED);
        Processes.Result r = nowhere.run("list");
        assertEquals(ClientException.UNREACHABLE, r.exit(), r.all());
        assertTrue(r.stderr().startsWith("sirenctl: cannot connect to the system bus at unix:path=/nonexistent/socket"),
                r.stderr());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
    }

    @Test
    void aServiceThatIsNotRunningIsOneClearLineWithoutLibraryChatter() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "siren-empty-bus-",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        try (PrivateSystemBus empty = PrivateSystemBus.start(dir.resolve("bus"),
                SirenEnvironment.projectRoot().resolve("systemd"))) {
            Processes.Result r = new SirenctlRunner(empty.address(), TestUsers.ALLOWED).run("list");
            assertEquals(ClientException.UNREACHABLE, r.exit(), r.all());
            assertTrue(r.stderr().startsWith("sirenctl: the siren service is not running"), r.stderr());
            assertEquals(1, r.stderr().lines().count(), "one line, nothing else: " + r.stderr());
        }
    }

    @Test
    void doctorChecksTheSystemAndTheService() {
        Processes.Result r = new SirenctlRunner(siren.address(), null).run("doctor");
        String out = r.stdout();
        assertTrue(out.contains("ok    overlayfs with several lower layers"), out);
        assertTrue(out.contains("systemd 247 or later"), out);
        assertTrue(out.contains("ok    polkit"), out);
        assertTrue(out.contains("ok    siren service: org.siren.Builder answered"), out);
        assertTrue(out.contains("autofs"), out);
        List<String> problems = out.lines().filter(l -> l.startsWith("FAIL")).toList();
        assertEquals(problems.isEmpty() ? 0 : 1, r.exit(), out);
    }
}
