package org.siren.daemon.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siren.daemon.SirenException;

/** Hostile tarballs: every way out of the tree is refused, naming the entry, and nothing lands outside. */
class SafeTarExtractorTest {

    @TempDir
    Path dir;

    private Path root() throws IOException {
        return Files.createDirectories(dir.resolve("root"));
    }

    /** Builds a tar from entries. */
    private static final class Tar {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes);

        Tar() {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
        }

        Tar file(String name, String content, int mode) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            entry.setSize(data.length);
            entry.setMode(mode);
            out.putArchiveEntry(entry);
            out.write(data);
            out.closeArchiveEntry();
            return this;
        }

        Tar file(String name, String content) throws IOException {
            return file(name, content, 0644);
        }

        Tar dir(String name) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
            entry.setMode(0755);
            out.putArchiveEntry(entry);
            out.closeArchiveEntry();
            return this;
        }

        Tar link(String name, String target, byte type) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name, type);
            entry.setLinkName(target);
            out.putArchiveEntry(entry);
            out.closeArchiveEntry();
            return this;
        }

        ByteArrayInputStream stream() throws IOException {
            out.finish();
            return new ByteArrayInputStream(bytes.toByteArray());
        }
    }

    private SafeTarExtractor.Result extract(Tar tar) throws IOException {
        return new SafeTarExtractor(root(), 1 << 20).extract(tar.stream(), "the test tar");
    }

    private void assertRefused(Tar tar, String entry, String why) throws IOException {
        SirenException e = assertThrows(SirenException.class, () -> extract(tar));
        assertTrue(e.getMessage().contains("entry \"" + entry + "\" " + why), e.getMessage());
        assertFalse(Files.exists(dir.resolve("outside"), LinkOption.NOFOLLOW_LINKS), "something landed outside");
    }

    @Test
    void unpacksFilesDirectoriesAndSymlinksWithModes() throws IOException {
        Tar tar = new Tar().dir("./etc").file("./etc/a", "x", 04755).link("./etc/b", "a", TarConstants.LF_SYMLINK)
                .link("./etc/c", "etc/a", TarConstants.LF_LINK);
        extract(tar);
        Path root = root();
        assertEquals("x", Files.readString(root.resolve("etc/a")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("etc/a"))),
                "no set-id bits");
        assertEquals(Path.of("a"), Files.readSymbolicLink(root.resolve("etc/b")));
        assertEquals("x", Files.readString(root.resolve("etc/c")));
    }

    @Test
    void dotDotIsRefused() throws IOException {
        assertRefused(new Tar().file("../outside", "x"), "../outside", "leads out of the tree with '..'");
        assertRefused(new Tar().file("a/../../outside", "x"), "a/../../outside", "leads out of the tree with '..'");
    }

    @Test
    void absoluteNamesAreRefused() throws IOException {
        assertRefused(new Tar().file("/etc/passwd", "x"), "/etc/passwd", "has an absolute name");
    }

    @Test
    void aFileThroughASymlinkIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("outside"));
        Files.delete(dir.resolve("outside"));
        Tar tar = new Tar().link("escape", "../outside", TarConstants.LF_SYMLINK).file("escape/passwd", "x");
        assertRefused(tar, "escape/passwd", "goes through the symbolic link escape");
    }

    @Test
    void aSymlinkThenAFileOfTheSameNameReplacesTheLinkNotItsTarget() throws IOException {
        Files.writeString(dir.resolve("victim"), "precious");
        extract(new Tar().link("x", dir.resolve("victim").toString(), TarConstants.LF_SYMLINK).file("x", "payload"));
        assertEquals("precious", Files.readString(dir.resolve("victim")));
        assertEquals("payload", Files.readString(root().resolve("x")));
    }

    @Test
    void hardLinksToAnythingButAnEarlierFileAreRefused() throws IOException {
        assertRefused(new Tar().link("h", "/etc/shadow", TarConstants.LF_LINK), "h",
                "is a hard link to /etc/shadow, outside the tree");
        assertRefused(new Tar().link("h", "../outside", TarConstants.LF_LINK), "h",
                "is a hard link to ../outside, outside the tree");
        assertRefused(new Tar().link("h", "later", TarConstants.LF_LINK).file("later", "x"), "h",
                "is a hard link to later");
    }

    @Test
    void deviceNodesAndFifosAreRefused() throws IOException {
        assertRefused(new Tar().link("dev", "", TarConstants.LF_CHR), "dev", "is a device node, FIFO");
        assertRefused(new Tar().link("fifo", "", TarConstants.LF_FIFO), "fifo", "is a device node, FIFO");
    }

    @Test
    void aRootFileSystemMayHaveDeviceNodesUnderDev() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.siren.testing.Root.isRoot(), "mknod needs root");
        TarArchiveEntry ptmx = new TarArchiveEntry("./dev/ptmx", TarConstants.LF_CHR);
        ptmx.setDevMajor(5);
        ptmx.setDevMinor(2);
        ptmx.setMode(0666);
        Tar tar = new Tar().dir("./dev");
        tar.out.putArchiveEntry(ptmx);
        tar.out.closeArchiveEntry();
        new SafeTarExtractor(root(), 1 << 20, SafeTarExtractor.Policy.ROOTFS, bytes -> { })
                .extract(tar.stream(), "the test tar");
        assertEquals("c 5 2", org.siren.testing.Processes.check(java.util.List.of("stat", "-c", "%F", root().resolve(
                "dev/ptmx").toString())).trim().equals("character special file") ? "c 5 2" : "not a device");
    }

    @Test
    void tooMuchDataIsRefused() throws IOException {
        SafeTarExtractor small = new SafeTarExtractor(root(), 3);
        SirenException e = assertThrows(SirenException.class,
                () -> small.extract(new Tar().file("big", "12345").stream(), "the test tar"));
        assertTrue(e.getMessage().contains("larger than 3 bytes"), e.getMessage());
    }

    @Test
    void theDigestFollowsContentNotTimes() throws IOException {
        String a = new SafeTarExtractor(Files.createDirectories(dir.resolve("a")), 1 << 20)
                .extract(new Tar().file("f", "one").stream(), "a").digest();
        String b = new SafeTarExtractor(Files.createDirectories(dir.resolve("b")), 1 << 20)
                .extract(new Tar().file("f", "one").stream(), "b").digest();
        String c = new SafeTarExtractor(Files.createDirectories(dir.resolve("c")), 1 << 20)
                .extract(new Tar().file("f", "two").stream(), "c").digest();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }
}
