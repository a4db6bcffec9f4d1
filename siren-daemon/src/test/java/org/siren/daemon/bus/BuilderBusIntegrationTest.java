package org.siren.daemon.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siren.testing.ServiceFixture.name;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.siren.daemon.SirenException;
import org.siren.daemon.auth.Action;
import org.siren.daemon.auth.Caller;
import org.siren.daemon.auth.PolkitAuthorizer;
import org.siren.dbus.Builder1;
import org.siren.testing.BuildContexts;
import org.siren.testing.Busctl;
import org.siren.testing.DaemonFixture;
import org.siren.testing.InterfaceShape;
import org.siren.testing.Processes;
import org.siren.testing.TestUsers;
import org.siren.testing.Waits;

/**
 * sirend on a real system-type bus with siren's bus policy and the real polkitd, driven by busctl as
 * a busctl user would: as root, as a member of group siren, and as a user outside it.
 */
class BuilderBusIntegrationTest {

    static Path dir;
    static DaemonFixture siren;
    static Busctl root;
    static Busctl allowed;
    static Busctl denied;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("siren-bus-test-");
        siren = DaemonFixture.start(dir);
        root = Busctl.asRoot(siren.address());
        allowed = Busctl.asUser(siren.address(), TestUsers.ALLOWED);
        denied = Busctl.asUser(siren.address(), TestUsers.DENIED);
    }

    @AfterAll
    static void stop() throws Exception {
        if (siren != null) {
            siren.close();
        }
    }

    @Test
    void introspectionMatchesTheCheckedInXml() throws IOException {
        allowed.callManager("NewContainer", "ssa{sv}", "shape", "base", "0");
        Path context = BuildContexts.create(Map.of("build.sh", "FROM base\nID shaped 1\n"));
        Processes.Result build = allowed.callManager("Build", "ssa{sv}", context.toString(), "build.sh", "0");
        assertEquals(0, build.exit(), build.all());
        String job = build.stdout().trim().replaceAll("^o \"|\"$", "");
        assertShape("/org/siren/Builder", "org.siren.Builder1");
        assertShape("/org/siren/Builder/image/shape", "org.siren.Image1");
        assertShape(job, "org.siren.Job1");
    }

    private void assertShape(String path, String iface) throws IOException {
        Processes.Result r = root.run("--json=short", "call", "org.siren.Builder", path,
                "org.freedesktop.DBus.Introspectable", "Introspect");
        assertEquals(0, r.exit(), r.all());
        String live = r.stdout().replaceFirst("^\\{\"type\":\"s\",\"data\":\\[\"", "").replaceFirst("\"\\]\\}\\s*$", "")
                .replace("\\n", "\n").replace("\\\"", "\"");
        assertEquals(InterfaceShape.of(checkedIn(iface), iface), InterfaceShape.of(live, iface),
                "the daemon's " + iface + " differs from dbus-interfaces/src/main/resources/org/siren/dbus/" + iface + ".xml");
    }

    private static String checkedIn(String iface) throws IOException {
        try (InputStream in = Builder1.class.getResourceAsStream(iface + ".xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void busctlReadsEveryPropertyWithItsType() {
        allowed.callManager("NewContainer", "ssa{sv}", "props", "base", "0");
        String object = "/org/siren/Builder/image/props";
        assertEquals("s \"props\"", property(object, "Name"));
        assertEquals("s \"container\"", property(object, "Kind"));
        assertEquals("s \"base\"", property(object, "Base"));
        assertEquals("b true", property(object, "Mounted"));
        assertTrue(property(object, "UsageBytes").startsWith("t "), property(object, "UsageBytes"));
        assertTrue(property(object, "Created").startsWith("t "), property(object, "Created"));
        assertEquals("as 2 \"" + siren.store.layout.layer(name("props")) + "\" \""
                + siren.store.layout.layer(name("base")) + "\"", property(object, "Layers"));
        assertEquals("s \"" + siren.store.merged("props") + "\"", property(object, "MountPoint"));
    }

    private String property(String object, String name) {
        Processes.Result r = denied.run("get-property", "org.siren.Builder", object, "org.siren.Image1", name);
        assertEquals(0, r.exit(), r.all());
        return r.stdout().trim();
    }

    @Test
    void readingIsOpenToEveryone() {
        Processes.Result r = denied.callManager("ListImages");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.stdout().contains("\"base\" \"\" \"\" \"base\" \"/org/siren/Builder/image/base\""), r.stdout());
        Processes.Result get = denied.callManager("GetImage", "s", "base");
        assertEquals("o \"/org/siren/Builder/image/base\"", get.stdout().trim(), get.all());
    }

    @Test
    void aMemberOfGroupSirenCreatesAndRemovesContainersAndSignalsAreSent() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (DBusConnection watcher = DBusConnectionBuilder.forAddress(siren.address()).withShared(false).build()) {
            watcher.addSigHandler(Builder1.ImageAdded.class, s -> events.add("added " + s.getName()));
            watcher.addSigHandler(Builder1.ImageRemoved.class, s -> events.add("removed " + s.getName()));

            Processes.Result created = allowed.callManager("NewContainer", "ssa{sv}", "web-0", "base", "0");
            assertEquals("o \"/org/siren/Builder/image/web_2d0\"", created.stdout().trim(), created.all());
            assertTrue(Files.exists(siren.store.merged("web-0").resolve("etc/base-file")));

            Processes.Result removed = allowed.run("call", "org.siren.Builder", "/org/siren/Builder/image/web_2d0",
                    "org.siren.Image1", "Remove", "a{sv}", "0");
            assertEquals(0, removed.exit(), removed.all());
            assertFalse(Files.exists(siren.store.layout.layer(name("web-0"))));
            Waits.until("ImageAdded and ImageRemoved", 5_000, () -> events.size() >= 2);
            assertEquals(List.of("added web-0", "removed web-0"), events);
        }
    }

    @Test
    void aUserOutsideGroupSirenIsDeniedAndNothingChanges() {
        Processes.Result r = denied.callManager("NewContainer", "ssa{sv}", "intruder", "base", "0");
        assertNotEquals(0, r.exit());
        assertTrue(r.stderr().contains("not authorized for org.siren.manage"), r.all());
        assertFalse(Files.exists(siren.store.layout.layer(name("intruder"))));
        assertFalse(Files.exists(siren.store.layout.metadataFile(name("intruder"))));
        assertFalse(Files.exists(siren.store.merged("intruder")));

        allowed.callManager("NewContainer", "ssa{sv}", "victim", "base", "0");
        Processes.Result rm = denied.callManager("RemoveImage", "sa{sv}", "victim", "0");
        assertNotEquals(0, rm.exit());
        assertTrue(rm.stderr().contains("not authorized"), rm.all());
        assertTrue(Files.exists(siren.store.merged("victim").resolve("etc/base-file")));
    }

    @Test
    void invalidNamesAreRefusedBeforeAnythingIsTouched() {
        for (String bad : List.of("../etc", "a:b", "-x", "a,lowerdir=/", "")) {
            Processes.Result r = allowed.callManager("NewContainer", "ssa{sv}", bad, "base", "0");
            assertNotEquals(0, r.exit(), bad);
            assertTrue(r.stderr().contains("invalid image name"), r.all());
        }
        Processes.Result badBase = allowed.callManager("NewContainer", "ssa{sv}", "ok", "../../etc", "0");
        assertTrue(badBase.stderr().contains("invalid image name \"../../etc\""), badBase.all());
        try (var entries = Files.list(siren.store.layout.layers())) {
            assertFalse(entries.anyMatch(p -> p.getFileName().toString().equals("ok")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unknownOptionsAreRefused() {
        Processes.Result r = allowed.callManager("NewContainer", "ssa{sv}", "opt", "base", "1", "force", "b", "true");
        assertNotEquals(0, r.exit());
        assertTrue(r.stderr().contains("unknown option \"force\" for NewContainer"), r.all());
        assertFalse(Files.exists(siren.store.layout.layer(name("opt"))));
    }

    @Test
    void errorsCarrySirenNames() {
        Processes.Result r = root.run("--json=short", "call", "org.siren.Builder", "/org/siren/Builder",
                "org.siren.Builder1", "GetImage", "s", "nope");
        assertNotEquals(0, r.exit());
        assertTrue(r.stderr().contains("no image \"nope\""), r.all());
        Processes.Result monitorless = root.run("call", "org.siren.Builder", "/org/siren/Builder", "org.siren.Builder1",
                "RemoveImage", "sa{sv}", "nope", "0");
        assertTrue(monitorless.stderr().contains("sirenctl list"), monitorless.all());
    }

    @Test
    void aVanishedCallerIsDenied() {
        PolkitAuthorizer polkit = new PolkitAuthorizer(new BusCalls(siren.connection));
        SirenException e = assertThrows(SirenException.class,
                () -> polkit.authorize(new Caller(":1.99999", false), Action.MANAGE));
        assertEquals(SirenException.Reason.NOT_AUTHORIZED, e.reason());
    }

    @Test
    void onlyRootMayOwnTheServiceName() {
        Processes.Result r = Processes.run(List.of("setpriv", "--reuid=" + TestUsers.ALLOWED, "--regid=" + TestUsers.ALLOWED,
                "--init-groups", "--reset-env", "dbus-send", "--address=" + siren.address(), "--print-reply",
                "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.RequestName",
                "string:org.siren.Builder", "uint32:0"));
        assertNotEquals(0, r.exit(), r.all());
        assertTrue(r.all().contains("AccessDenied") || r.all().contains("not allowed to own"), r.all());
    }
}
