package org.siren.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.job.Job;
import org.siren.daemon.job.JobState;
import org.siren.daemon.system.MountTable;
import org.siren.testing.BuildContexts;
import org.siren.testing.DaemonFixture;
import org.siren.testing.Processes;
import org.siren.testing.TestUsers;
import org.siren.testing.Waits;

/**
 * sirenctl build, as users would run it, against sirend on the private bus with the real polkitd,
 * real overlayfs and real systemd-nspawn. The scripts build on a tiny base made of the host's tools;
 * ExamplesBuildIntegrationTest builds the real Debian examples.
 */
class BuildIntegrationTest {

    static DaemonFixture siren;
    static SirenctlRunner allowed;
    static SirenctlRunner denied;
    static SirenctlRunner root;

    private static final String HEAD = "#!/bin/sh\n. `dirname $0`/siren\n";

    @BeforeAll
    static void start() throws Exception {
        siren = DaemonFixture.start(Files.createTempDirectory("siren-build-test-"));
        allowed = new SirenctlRunner(siren.address(), TestUsers.ALLOWED);
        denied = new SirenctlRunner(siren.address(), TestUsers.DENIED);
        root = new SirenctlRunner(siren.address(), null);
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

    private static ImageMetadata meta(String name) {
        return siren.store.store.get(ImageName.parse(name));
    }

    private static void assertNoLeftovers() {
        Waits.until("build directories to be removed", 10_000, () -> siren.store.store.stagingLeftovers().isEmpty());
        assertEquals(List.of(), MountTable.mountsUnder(siren.store.layout.layers()), "no build mounts left");
    }

    @Test
    void aScriptBuildsInItsContainerAndItsFilesLandInItsLayerOnly() throws IOException {
        Path context = BuildContexts.create(Map.of("greeting.txt", "hello\n", "build.sh", HEAD
                + "FROM base\n"
                + "ID app 1.$((1 + 1))\n"
                + "echo \"building in $(pwd) with root=$root\"\n"
                + "mkdir -p $root/srv\n"
                + "cp greeting.txt $root/srv/\n"
                + "SET /etc/hostname app\n"
                + "CMD /bin/echo \"hello world\"\n"));

        Processes.Result r = allowed.run("build", context.toString());

        assertEquals(0, r.exit(), r.all());
        assertTrue(r.stdout().contains("Step 2/8 : FROM base"), r.stdout());
        assertTrue(r.stdout().contains("building in /run/siren/context with root=/"), r.stdout());
        assertTrue(r.stdout().endsWith("Built app 1.2.\nStart it with: machinectl start app\n"), r.stdout());
        assertEquals("hello\n", Files.readString(layer("app").resolve("srv/greeting.txt")));
        assertEquals("app\n", Files.readString(layer("app").resolve("etc/hostname")));
        assertEquals("#!/bin/sh\nexec '/bin/echo' 'hello world'\n", Files.readString(layer("app").resolve("run.sh")));
        assertFalse(Files.exists(layer("base").resolve("srv")), "the base is unchanged");
        assertEquals("1.2", meta("app").version());
        assertEquals(ImageName.parse("base"), meta("app").base().orElseThrow());
        assertTrue(Files.exists(siren.store.merged("app").resolve("etc/base-file")), "mounted over its base");
        assertTrue(Files.exists(siren.store.merged("app").resolve("srv/greeting.txt")));
        assertNoLeftovers();
    }

    @Test
    void idMayComeBeforeFromAndQuietPrintsOnlyTheName() {
        Path context = BuildContexts.create(Map.of("build.sh", HEAD + "ID early 7\nFROM base\n"));
        Processes.Result r = allowed.run("build", "-q", context.toString());
        assertEquals(0, r.exit(), r.all());
        assertEquals("early\n", r.stdout());
    }

    @Test
    void aFailingLineFailsTheBuildNamingItAndThePreviousImageStays() throws IOException {
        Path context = BuildContexts.create(Map.of("build.sh", HEAD + "FROM base\nID keeper 1\nSET /etc/version one\n"));
        assertEquals(0, allowed.run("build", context.toString()).exit());
        Files.writeString(context.resolve("build.sh"), HEAD + "FROM base\nID keeper 2\nSET /etc/version two\n"
                + "ls /nonexistent-siren-path\necho never\n");

        Processes.Result r = allowed.run("build", context.toString());

        assertEquals(ClientException.FAILED, r.exit(), r.all());
        assertTrue(r.stderr().contains("build failed: build.sh:6: ls /nonexistent-siren-path: exit status 2"), r.stderr());
        assertEquals("one\n", Files.readString(layer("keeper").resolve("etc/version")));
        assertEquals("1", meta("keeper").version());
        assertTrue(MountTable.isMountPoint(siren.store.merged("keeper")));
        assertNoLeftovers();
    }

    @Test
    void runAsAUserRunsWithThatUsersIds() throws IOException {
        Path context = BuildContexts.create(Map.of("build.sh", HEAD + "FROM base\nID users 1\n"
                + "echo 'app:x:1234:1234::/home/app:/bin/sh' >> $root/etc/passwd\n"
                + "echo 'app:x:1234:' >> $root/etc/group\n"
                + "mkdir -p /home/app && chmod 0777 /home/app\n"
                + "RUN -u app sh -c 'id -u > /home/app/uid; touch /home/app/owned'\n"
                + "RUN -u nobody-here true || echo refused\n"));

        Processes.Result r = allowed.run("build", context.toString());

        assertEquals(0, r.exit(), r.all());
        assertEquals("1234\n", Files.readString(layer("users").resolve("home/app/uid")));
        assertEquals(1234, Files.getAttribute(layer("users").resolve("home/app/owned"), "unix:uid"));
        assertTrue(r.stdout().contains("the image has no user nobody-here"), r.stdout());
    }

    @Test
    void aSymlinkPlantedByRunCannotRedirectALaterCopyOutOfTheImage() throws IOException {
        String marker = "siren-escape-" + UUID.randomUUID();
        Path context = BuildContexts.create(Map.of(marker, "payload\n", "build.sh", HEAD + "FROM base\nID planted 1\n"
                + "RUN ln -s / /etc/target\n"
                + "cp -R " + marker + " $root/etc/target/\n"));

        Processes.Result r = allowed.run("build", context.toString());

        assertEquals(0, r.exit(), r.all());
        assertFalse(Files.exists(Path.of("/", marker)), "the host's / got the file");
        assertEquals("payload\n", Files.readString(layer("planted").resolve(marker)), "it landed in the image's /");
        assertTrue(Files.isSymbolicLink(layer("planted").resolve("etc/target")));
    }

    @Test
    void aCallerWhoCannotReadTheContextGetsAnErrorAndNothingIsBuilt() throws IOException {
        Path context = BuildContexts.create(Map.of("build.sh", HEAD + "FROM base\nID unreadable 1\n",
                "secret.txt", "root only\n"));
        Files.setPosixFilePermissions(context.resolve("secret.txt"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rw-------"));

        Processes.Result r = allowed.run("build", context.toString());

        assertEquals(ClientException.FAILED, r.exit(), r.all());
        assertTrue(r.stderr().contains("cannot read the build context " + context), r.stderr());
        assertTrue(r.stderr().contains("secret.txt: Cannot open: Permission denied"), r.stderr());
        assertFalse(siren.store.store.find(ImageName.parse("unreadable")).isPresent());
        assertNoLeftovers();

        Files.setPosixFilePermissions(context, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Processes.Result dir = allowed.run("build", context.toString());
        assertEquals(ClientException.NOT_AUTHORIZED, dir.exit(), dir.all());
        assertTrue(dir.stderr().contains("Permission denied"), dir.stderr());
    }

    @Test
    void aSymlinkInTheContextToARootOnlyFileBringsNothingOfIt() throws IOException {
        Path context = BuildContexts.create(Map.of("build.sh", HEAD + "FROM base\nID nosecret 1\n"
                + "cat shadow > $root/leak 2>/dev/null || echo 'no such file in the image'\n"));
        Files.createSymbolicLink(context.resolve("shadow"), Path.of("/etc/shadow"));

        Processes.Result r = allowed.run("build", context.toString());

        assertEquals(0, r.exit(), r.all());
        assertTrue(r.stdout().contains("no such file in the image"), r.stdout());
        String leaked = Files.exists(layer("nosecret").resolve("leak")) ? Files.readString(layer("nosecret").resolve("leak")) : "";
        assertFalse(leaked.contains("root:"), "host /etc/shadow leaked: " + leaked);
    }

    @Test
    void sirenignoreLeavesPathsOut() throws IOException {
        Path context = BuildContexts.create(Map.of(".sirenignore", "./private.txt\n./cache\n",
                "private.txt", "x", "cache/big.bin", "x", "kept.txt", "x",
                "build.sh", HEAD + "FROM base\nID ignoring 1\nls -A > $root/listing\n"));

        assertEquals(0, allowed.run("build", context.toString()).exit());

        List<String> listing = Files.readAllLines(layer("ignoring").resolve("listing"));
        assertTrue(listing.contains("kept.txt"), listing.toString());
        assertFalse(listing.contains("private.txt"), listing.toString());
        assertFalse(listing.contains("cache"), listing.toString());
    }

    @Test
    void unchangedInputsAreUpToDateAndAChangeIsNamed() throws IOException {
        Path context = BuildContexts.create(Map.of("data.txt", "1", "build.sh", HEAD + "FROM base\nID cached 1\n"
                + "cp data.txt $root/data.txt\n"));
        assertEquals(0, allowed.run("build", context.toString()).exit());

        Processes.Result again = allowed.run("build", context.toString());
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.stdout().startsWith("cached is up to date"), again.stdout());
        assertFalse(again.stdout().contains("Step "), again.stdout());

        Processes.Result forced = allowed.run("build", "--no-cache", context.toString());
        assertTrue(forced.stdout().contains("Built cached 1."), forced.stdout());

        Files.writeString(context.resolve("data.txt"), "2");
        Processes.Result changed = allowed.run("build", context.toString());
        assertTrue(changed.stdout().contains("Rebuilding cached: the build context changed."), changed.stdout());
        assertEquals("2", Files.readString(layer("cached").resolve("data.txt")));

        Files.writeString(context.resolve("build.sh"), HEAD + "FROM base\nID cached 1\ncp data.txt $root/data.txt\n\n");
        Processes.Result script = allowed.run("build", context.toString());
        assertTrue(script.stdout().contains("Rebuilding cached: the build script changed"), script.stdout());
    }

    @Test
    void aRebuildSwapsTheLayerUnderItsMountWithoutReloadingSystemd() throws IOException {
        Path context = BuildContexts.create(Map.of("data.txt", "one\n", "build.sh", HEAD + "FROM base\nID swapped 1\n"
                + "cp data.txt $root/data.txt\n"));
        assertEquals(0, allowed.run("build", context.toString()).exit());
        Files.writeString(context.resolve("data.txt"), "two\n");
        int reloads = siren.store.systemd.reloads();

        Processes.Result again = allowed.run("build", context.toString());

        assertEquals(0, again.exit(), again.all());
        assertEquals(reloads, siren.store.systemd.reloads(), "the units' text is the same, so systemd is not reloaded");
        assertEquals("two\n", Files.readString(siren.store.merged("swapped").resolve("data.txt")), "mounted over the new layer");
        assertTrue(siren.store.systemd.isEnabled(siren.store.units.unitsOf(ImageName.parse("swapped")).mountUnit()));
        assertNoLeftovers();
    }

    @Test
    void rebuildingAnImageOthersAreBuiltOnIsRefusedBeforeItsScriptRuns() throws IOException {
        Path context = BuildContexts.create(Map.of("build.sh", HEAD + "FROM base\nID shared 1\n"));
        assertEquals(0, allowed.run("build", context.toString()).exit());
        assertEquals(0, allowed.run("new", "shared0", "shared").exit());
        Processes.Result unchanged = allowed.run("build", context.toString());
        assertTrue(unchanged.stdout().startsWith("shared is up to date"), unchanged.all());
        Files.writeString(context.resolve("build.sh"), HEAD + "FROM base\nID shared 2\necho SCRIPT-RAN\n");

        Processes.Result r = allowed.run("build", context.toString());

        assertEquals(ClientException.FAILED, r.exit(), r.all());
        assertFalse(r.stdout().lines().anyMatch("SCRIPT-RAN"::equals), r.stdout());
        assertTrue(r.stderr().contains("image shared is the base of shared0: rebuilding it would change the layer"
                + " under it"), r.stderr());
        assertEquals("1", meta("shared").version());
    }

    @Test
    void twoBuildsOfTheSameNameAtOnceBothFinishAndNothingIsCorrupted() throws Exception {
        Path a = BuildContexts.create(Map.of("build.sh", HEAD + "FROM base\nID twin 1\nsleep 1\nSET /etc/who a\n"));
        Path b = BuildContexts.create(Map.of("build.sh", HEAD + "FROM base\nID twin 1\nsleep 1\nSET /etc/who b\n"));

        CompletableFuture<Processes.Result> first = CompletableFuture.supplyAsync(() -> allowed.run("build", a.toString()));
        CompletableFuture<Processes.Result> second = CompletableFuture.supplyAsync(() -> allowed.run("build", b.toString()));

        assertEquals(0, first.get().exit(), first.get().all());
        assertEquals(0, second.get().exit(), second.get().all());
        String who = Files.readString(layer("twin").resolve("etc/who"));
        assertTrue(who.equals("a\n") || who.equals("b\n"), who);
        assertEquals(1, MountTable.mountsUnder(siren.store.merged("twin")).size());
        assertNoLeftovers();
    }

    @Test
    void cancellingMidRunLeavesNothingBehind() throws Exception {
        Path context = BuildContexts.create(Map.of("build.sh", HEAD + "FROM base\nID cancelled 1\nsleep 300\n"));
        Processes.Result started = allowed.run("build", "--detach", context.toString());
        assertEquals(0, started.exit(), started.all());
        long id = Long.parseLong(started.stdout().replaceAll("(?s).*job (\\d+)\\..*", "$1"));
        Job job = siren.daemon.jobs().get(id).orElseThrow();
        Waits.until("the build to reach sleep", 20_000, () -> job.progress() >= 1.0);

        Processes.Result other = denied.run("--no-ask-password", "cancel", Long.toString(id));
        assertEquals(ClientException.NOT_AUTHORIZED, other.exit(), "only the starter may cancel: " + other.all());

        Processes.Result cancel = allowed.run("cancel", Long.toString(id));
        assertEquals(0, cancel.exit(), cancel.all());
        Waits.until("the job to end", 20_000, () -> job.state() != JobState.RUNNING);

        assertEquals(JobState.CANCELLED, job.state());
        assertFalse(siren.store.store.find(ImageName.parse("cancelled")).isPresent());
        assertNoLeftovers();
        assertTrue(Processes.run(List.of("pgrep", "-f", "siren-build-" + id)).stdout().isBlank(), "container gone");

        Processes.Result logs = allowed.run("logs", Long.toString(id));
        assertEquals(ClientException.FAILED, logs.exit(), logs.all());
        assertTrue(logs.stdout().contains("Step 5/5 : sleep 300") || logs.stderr().contains("cancelled"), logs.all());
    }

    @Test
    void ctrlCCancelsTheBuild() throws Exception {
        Path context = BuildContexts.create(Map.of("build.sh", HEAD + "FROM base\nID interrupted 1\nsleep 300\n"));
        CompletableFuture<Processes.Result> build = CompletableFuture.supplyAsync(() -> allowed.run("build",
                context.toString()));
        Waits.until("the build to run", 30_000, () -> siren.daemon.jobs().list().stream()
                .anyMatch(j -> j.image().equals("interrupted") && j.progress() >= 1.0));
        Processes.check(List.of("pkill", "-INT", "-f", "org.siren.client.Sirenctl build " + context));

        Processes.Result r = build.get();

        assertTrue(r.stderr().contains("cancelled the build"), r.all());
        Waits.until("the job to end", 20_000, () -> siren.daemon.jobs().list().stream()
                .filter(j -> j.image().equals("interrupted")).allMatch(j -> j.state() == JobState.CANCELLED));
        assertNoLeftovers();
    }

    @Test
    void jobsAndLogsShowABuild() {
        Path context = BuildContexts.create(Map.of("build.sh", HEAD + "FROM base\nID logged 1\necho line-from-the-build\n"));
        Processes.Result started = allowed.run("build", "--detach", context.toString());
        long id = Long.parseLong(started.stdout().replaceAll("(?s).*job (\\d+)\\..*", "$1"));

        Processes.Result logs = denied.run("logs", Long.toString(id));
        assertEquals(0, logs.exit(), logs.all());
        assertTrue(logs.stdout().contains("line-from-the-build"), logs.stdout());
        assertTrue(logs.stdout().contains("Built logged 1"), logs.stdout());

        Processes.Result jobs = denied.run("jobs");
        assertTrue(jobs.stdout().lines().anyMatch(l -> l.matches(id + "\\s+build\\s+logged\\s+succeeded\\s+\\d+")),
                jobs.stdout());
    }

    @Test
    void aUserOutsideGroupSirenCannotBuild() {
        Path context = BuildContexts.create(Map.of("build.sh", HEAD + "FROM base\nID intruder 1\n"));
        Processes.Result r = denied.run("--no-ask-password", "build", context.toString());
        assertEquals(ClientException.NOT_AUTHORIZED, r.exit(), r.all());
        assertTrue(r.stderr().contains("not authorized for org.siren.build"), r.stderr());
        assertFalse(siren.store.store.find(ImageName.parse("intruder")).isPresent());
    }

    @Test
    void badScriptsAreRefusedBeforeAnythingRuns() {
        Path noBase = BuildContexts.create(Map.of("build.sh", HEAD + "FROM nothere\nID x 1\n"));
        Processes.Result missing = allowed.run("build", noBase.toString());
        assertEquals(ClientException.NO_SUCH_IMAGE, missing.exit(), missing.all());

        Path computed = BuildContexts.create(Map.of("build.sh", HEAD + "FROM $BASE\nID x 1\n"));
        Processes.Result dynamic = allowed.run("build", computed.toString());
        assertEquals(ClientException.INVALID_INPUT, dynamic.exit(), dynamic.all());
        assertTrue(dynamic.stderr().contains("build.sh:3: FROM $BASE is not a literal image name"), dynamic.stderr());

        Path noId = BuildContexts.create(Map.of("build.sh", HEAD + "FROM base\necho no id\n"));
        Processes.Result unnamed = allowed.run("build", noId.toString());
        assertEquals(ClientException.FAILED, unnamed.exit(), unnamed.all());
        assertTrue(unnamed.stderr().contains("never called ID"), unnamed.stderr());

        Processes.Result nofile = allowed.run("build", "-f", "/nonexistent/build.sh", noId.toString());
        assertNotEquals(0, nofile.exit());
        assertTrue(nofile.stderr().contains("No such file or directory"), nofile.stderr());
        assertNoLeftovers();
    }

    @Test
    void basesNeedAnAdministratorAndTheSandboxKeepsTheHostReadOnly() throws IOException {
        String marker = "/etc/siren-escape-" + UUID.randomUUID();
        Path context = BuildContexts.create(Map.of("build.sh", HEAD + "ID tinybase 1\n"
                + "cp -a /bin/true $root/true\n"
                + "if touch " + marker + " 2>/dev/null; then echo WROTE-HOST; fi\n"
                + "echo root=$root\n"));

        Processes.Result user = allowed.run("--no-ask-password", "build", context.toString());
        assertEquals(ClientException.NOT_AUTHORIZED, user.exit(), user.all());
        assertTrue(user.stderr().contains("not authorized for org.siren.bootstrap"), user.stderr());

        Processes.Result admin = root.run("build", context.toString());
        assertEquals(0, admin.exit(), admin.all());
        assertFalse(admin.stdout().lines().anyMatch("WROTE-HOST"::equals), admin.all());
        assertFalse(Files.exists(Path.of(marker), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isRegularFile(layer("tinybase").resolve("true")));
        assertTrue(admin.stdout().contains("root=/run/siren/sandbox/root"), admin.stdout());
        assertEquals(java.util.Optional.empty(), meta("tinybase").base());
        assertNoLeftovers();
    }
}
