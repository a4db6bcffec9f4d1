package org.siren.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.system.MountTable;
import org.siren.testing.BuildContexts;
import org.siren.testing.DaemonFixture;
import org.siren.testing.Processes;
import org.siren.testing.TestUsers;
import org.siren.testing.Waits;

/** sirenctl import and export as users, with hostile tarballs among them. */
class TransferIntegrationTest {

    static DaemonFixture siren;
    static SirenctlRunner allowed;
    static SirenctlRunner denied;
    static Path files;
    static final String OUTSIDE = "/tmp/siren-outside-" + UUID.randomUUID();

    @BeforeAll
    static void start() throws Exception {
        siren = DaemonFixture.start(Files.createTempDirectory("siren-transfer-test-"));
        allowed = new SirenctlRunner(siren.address(), TestUsers.ALLOWED);
        denied = new SirenctlRunner(siren.address(), TestUsers.DENIED);
        files = Files.createTempDirectory(Path.of("/tmp"), "siren-tars-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(files, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (siren != null) {
            siren.close();
        }
        Processes.run(List.of("rm", "-rf", files.toString(), OUTSIDE));
    }

    private static Path layer(String name) {
        return siren.store.layout.layer(ImageName.parse(name));
    }

    /** A hostile tarball: its name, what to put in it, and the entry the refusal must name. */
    record Hostile(String name, String entry, String why) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Hostile> hostileTarballs() {
        return List.of(
                new Hostile("dotdot", "../../escape", "leads out of the tree with '..'"),
                new Hostile("absolute", OUTSIDE + "/absolute", "has an absolute name"),
                new Hostile("hardlink-out", "hard", "is a hard link to /etc/shadow, outside the tree"),
                new Hostile("hardlink-dotdot", "hard", "is a hard link to ../../etc/shadow, outside the tree"),
                new Hostile("symlink-then-file", "link/pwned", "goes through the symbolic link link"),
                new Hostile("device-outside-dev", "etc/evil", "is a device node, FIFO or other special file outside dev/"));
    }

    private static Path write(String name, TarWriter content) throws IOException {
        Path tar = files.resolve(name + ".tar");
        try (OutputStream out = Files.newOutputStream(tar);
                TarArchiveOutputStream tarOut = new TarArchiveOutputStream(out)) {
            tarOut.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            content.write(tarOut);
        }
        Files.setPosixFilePermissions(tar, PosixFilePermissions.fromString("rw-r--r--"));
        return tar;
    }

    interface TarWriter {
        void write(TarArchiveOutputStream out) throws IOException;
    }

    private static void file(TarArchiveOutputStream out, String name, String content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        entry.setSize(data.length);
        entry.setMode(0644);
        out.putArchiveEntry(entry);
        out.write(data);
        out.closeArchiveEntry();
    }

    private static void link(TarArchiveOutputStream out, String name, String target, byte type) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setLinkName(target);
        out.putArchiveEntry(entry);
        out.closeArchiveEntry();
    }

    private static Path hostile(Hostile h) throws IOException {
        return write(h.name(), out -> {
            file(out, "etc/ok", "fine\n");
            switch (h.name()) {
                case "dotdot" -> file(out, "../../escape", "x");
                case "absolute" -> file(out, OUTSIDE + "/absolute", "x");
                case "hardlink-out" -> link(out, "hard", "/etc/shadow", TarConstants.LF_LINK);
                case "hardlink-dotdot" -> link(out, "hard", "../../etc/shadow", TarConstants.LF_LINK);
                case "symlink-then-file" -> {
                    link(out, "link", OUTSIDE, TarConstants.LF_SYMLINK);
                    file(out, "link/pwned", "x");
                }
                case "device-outside-dev" -> {
                    TarArchiveEntry dev = new TarArchiveEntry("etc/evil", TarConstants.LF_BLK);
                    dev.setDevMajor(8);
                    dev.setDevMinor(0);
                    out.putArchiveEntry(dev);
                    out.closeArchiveEntry();
                }
                default -> throw new IllegalArgumentException(h.name());
            }
        });
    }

    @ParameterizedTest
    @MethodSource("hostileTarballs")
    void aHostileTarballIsRefusedNamingTheEntryAndLeavesTheHostUntouched(Hostile h) throws IOException {
        Files.createDirectories(Path.of(OUTSIDE));
        Processes.Result r = allowed.run("import", hostile(h).toString(), h.name());

        assertEquals(ClientException.FAILED, r.exit(), r.all());
        assertTrue(r.stderr().contains("entry \"" + h.entry() + "\" " + h.why()), r.stderr());
        assertFalse(Files.exists(layer(h.name()), LinkOption.NOFOLLOW_LINKS), "nothing imported");
        try (var outside = Files.list(Path.of(OUTSIDE))) {
            assertEquals(List.of(), outside.toList(), "nothing written outside");
        }
        assertFalse(Files.exists(Path.of("/escape")));
        Waits.until("the import directory to go", 10_000, () -> siren.store.store.stagingLeftovers().isEmpty());
    }

    @Test
    void aRootFileSystemKeepsOwnersModesDevicesAndAttributes() throws IOException {
        Path tree = Files.createTempDirectory("siren-rootfs-");
        Files.createDirectories(tree.resolve("dev"));
        Files.createDirectories(tree.resolve("usr/bin"));
        Files.writeString(tree.resolve("usr/bin/su"), "#!/bin/sh\n");
        Files.writeString(tree.resolve("owned"), "x");
        Processes.check(List.of("sh", "-c", "cd " + tree + " && chmod 4755 usr/bin/su && chown 1234:5678 owned"
                + " && mknod dev/null c 1 3 && chmod 666 dev/null && setfattr -n user.siren -v hello owned"));
        Path tar = files.resolve("rootfs.tar.zst");
        Processes.check(List.of("sh", "-c", "tar --create --xattrs --xattrs-include='*' --numeric-owner -C " + tree
                + " . | zstd -q -o " + tar + " && chmod 644 " + tar));

        Processes.Result r = allowed.run("import", tar.toString(), "faithful", "--version", "7");

        assertEquals(0, r.exit(), r.all());
        assertTrue(r.stdout().contains("Imported faithful 7."), r.stdout());
        assertEquals("4755", Processes.check(List.of("stat", "-c", "%a", layer("faithful").resolve("usr/bin/su").toString()))
                .trim());
        assertEquals("1234:5678", Processes.check(List.of("stat", "-c", "%u:%g", layer("faithful").resolve("owned")
                .toString())).trim());
        assertEquals("character special file 1,3", Processes.check(List.of("stat", "-c", "%F %t,%T",
                layer("faithful").resolve("dev/null").toString())).trim());
        assertTrue(Processes.check(List.of("getfattr", "-n", "user.siren", layer("faithful").resolve("owned").toString()))
                .contains("user.siren=\"hello\""));
        assertEquals("7", siren.store.store.get(ImageName.parse("faithful")).version());
    }

    @Test
    void theCallersPermissionsApplyToBothEnds() throws IOException {
        Path secret = write("secret", out -> file(out, "etc/ok", "x"));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Processes.Result unreadable = allowed.run("import", secret.toString(), "secretbase");
        assertEquals(ClientException.NOT_AUTHORIZED, unreadable.exit(), unreadable.all());
        assertTrue(unreadable.stderr().contains("Permission denied"), unreadable.stderr());
        assertFalse(Files.exists(layer("secretbase")));

        Processes.Result unwritable = allowed.run("export", "base", "/root/siren-export.tar");
        assertEquals(ClientException.FAILED, unwritable.exit(), unwritable.all());
        assertTrue(unwritable.stderr().contains("cannot write the tarball as the caller"), unwritable.stderr());
        assertFalse(Files.exists(Path.of("/root/siren-export.tar")));

        Processes.Result outsider = denied.run("--no-ask-password", "export", "base", files.resolve("x.tar").toString());
        assertEquals(ClientException.NOT_AUTHORIZED, outsider.exit(), outsider.all());
        assertTrue(outsider.stderr().contains("not authorized for org.siren.export"), outsider.stderr());
    }

    @Test
    void standardInputCanBeImported() throws IOException {
        Path tar = write("piped", out -> file(out, "etc/piped", "from a pipe\n"));
        String command = String.join(" ", allowed.argv("import", "-", "piped"));
        Processes.Result r = Processes.run(List.of("sh", "-c", "exec $0 < " + tar, command));
        assertEquals(0, r.exit(), r.all());
        assertEquals("from a pipe\n", Files.readString(layer("piped").resolve("etc/piped")));
    }

    @Test
    void importBuildExportReimportKeepsFilesModesAndOwners() throws IOException {
        Path first = files.resolve("base.tar.gz");
        Processes.Result exported = allowed.run("export", "base", first.toString());
        assertEquals(0, exported.exit(), exported.all());
        assertEquals(0, allowed.run("import", first.toString(), "roundtrip").exit());
        Path context = BuildContexts.create(Map.of("build.sh", "FROM roundtrip\nID onroundtrip 1\nSET /etc/added yes\n"));
        Processes.Result built = allowed.run("build", context.toString());
        assertEquals(0, built.exit(), built.all());

        Path again = files.resolve("onroundtrip.tar.xz");
        assertEquals(0, allowed.run("export", "--reproducible", "onroundtrip", again.toString()).exit());
        assertEquals(0, allowed.run("import", again.toString(), "reimported").exit());
        Path last = files.resolve("reimported.tar");
        assertEquals(0, allowed.run("export", "--reproducible", "reimported", last.toString()).exit());

        assertEquals(listing(again), listing(last), "the same files, modes and owners");
        assertTrue(listing(last).stream().anyMatch(l -> l.endsWith("./etc/added")), listing(last).toString());
        assertTrue(listing(last).stream().anyMatch(l -> l.endsWith("./etc/base-file")), listing(last).toString());
        Path twice = files.resolve("reimported-again.tar");
        assertEquals(0, allowed.run("export", "--reproducible", "reimported", twice.toString()).exit());
        assertEquals(Processes.check(List.of("sha256sum", last.toString())).split(" ")[0],
                Processes.check(List.of("sha256sum", twice.toString())).split(" ")[0], "reproducible exports are equal");
    }

    @Test
    void flattenCopiesAChainIntoOneDirectoryThatRunsWithoutOverlay() throws IOException {
        Path two = BuildContexts.create(Map.of("build.sh", "FROM base\nID layer2 1\nSET /etc/l2 two\n"));
        Path three = BuildContexts.create(Map.of("build.sh", "FROM layer2\nID layer3 1\nSET /etc/l3 three\n"
                + "rm /etc/base-file\n"));
        assertEquals(0, allowed.run("build", two.toString()).exit());
        assertEquals(0, allowed.run("build", three.toString()).exit());

        Processes.Result r = allowed.run("flatten", "layer3", "flat3");

        assertEquals(0, r.exit(), r.all());
        Path flat = siren.store.layout.machines().resolve("flat3");
        assertTrue(r.stdout().contains("Flattened layer3 into " + flat), r.stdout());
        assertEquals(tree(siren.store.merged("layer3")), tree(flat), "the same files as the merged view");
        assertFalse(Files.exists(flat.resolve("etc/base-file")), "what the top layer deleted stays deleted");
        assertFalse(MountTable.isMountPoint(flat), "a plain directory, no overlay");
        Processes.Result run = Processes.run(List.of("systemd-nspawn", "--quiet", "--pipe", "--register=no", "--keep-unit",
                "--directory=" + flat, "/bin/cat", "/etc/l2", "/etc/l3"));
        assertEquals(0, run.exit(), run.all());
        assertEquals("two\nthree\n", run.stdout());

        Processes.Result taken = allowed.run("flatten", "layer3", "flat3");
        assertEquals(ClientException.INVALID_INPUT, taken.exit(), taken.all());
        assertTrue(taken.stderr().contains("already exists"), taken.stderr());
    }

    private static List<String> tree(Path root) {
        return Processes.check(List.of("sh", "-c", "cd " + root + " && find . -printf '%p %M %U:%G %s\\n' | sort"))
                .lines().toList();
    }

    private static List<String> listing(Path tar) {
        return Processes.check(List.of("sh", "-c", "tar -tvf " + tar + " --numeric-owner | awk '{print $1, $2, $NF}'"))
                .lines().sorted().toList();
    }
}
