package org.siren.daemon.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;

/**
 * Unpacks a tar stream that someone else wrote into a directory the daemon owns, refusing every
 * entry that could land outside it: absolute names, {@code ..}, paths through a symbolic link
 * (planted by an earlier entry), hard links to anything but an earlier regular file of the same
 * tree, and device nodes or FIFOs. Files get their modes without set-id bits, owned by root.
 * It also computes a digest of what it unpacked (names, types, modes, contents, link targets; not
 * times), which the build cache compares.
 */
public final class SafeTarExtractor {

    /** What came out of a stream. */
    public record Result(String digest, long bytes, int entries) {
    }

    /**
     * What an unpacked tree keeps. A build context is owned by root, without set-id bits or special
     * files. A base's root file system keeps owners, all mode bits, times and extended attributes, and
     * may have device nodes and FIFOs under dev/ only.
     */
    public enum Policy {
        CONTEXT(false),
        ROOTFS(true);

        final boolean faithful;

        Policy(boolean faithful) {
            this.faithful = faithful;
        }
    }

    /** Counts bytes as they are unpacked, for progress. */
    public interface Progress {
        void unpacked(long bytes);
    }

    private final Path root;
    private final long maxBytes;
    private final Policy policy;
    private final Progress progress;
    private final java.util.List<Object[]> directoryModes = new java.util.ArrayList<>();
    private final MessageDigest digest;
    private long bytes;
    private int entries;

    public SafeTarExtractor(Path root, long maxBytes) {
        this(root, maxBytes, Policy.CONTEXT, bytes -> { });
    }

    public SafeTarExtractor(Path root, long maxBytes, Policy policy, Progress progress) {
        this.root = root.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        this.policy = policy;
        this.progress = progress;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Result extract(InputStream tar, String source) {
        try (TarArchiveInputStream in = new TarArchiveInputStream(tar, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path target = resolve(entry.getName(), source);
                if (target.equals(root)) {
                    continue;
                }
                entries++;
                record(entry);
                if (entry.isDirectory()) {
                    makeDirectory(target, entry, source);
                } else if (entry.isSymbolicLink()) {
                    makeSymlink(target, entry, source);
                } else if (entry.isLink()) {
                    makeHardLink(target, entry, source);
                } else if (isRegularFile(entry)) {
                    writeFile(target, entry, in, source);
                } else if (policy.faithful && isSpecialUnderDev(entry, target)) {
                    makeSpecial(target, entry, source);
                } else {
                    throw refused(source, entry.getName(), "is a device node, FIFO or other special file"
                            + (policy.faithful ? " outside dev/" : ""));
                }
                if (policy.faithful && !entry.isDirectory()) {
                    keepMetadata(target, entry);
                }
            }
            finishDirectories();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + source + ": " + e, e);
        }
        return new Result(HexFormat.of().formatHex(digest.digest()), bytes, entries);
    }

    /**
     * By its type flag only: commons-compress's isFile() also says yes to a device or FIFO entry whose
     * name does not end in a slash.
     */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte type = entry.getLinkFlag();
        return type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM || type == TarConstants.LF_CONTIG;
    }

    private Path resolve(String name, String source) {
        String clean = name;
        while (clean.startsWith("./")) {
            clean = clean.substring(2);
        }
        if (clean.equals(".") || clean.isEmpty()) {
            return root;
        }
        if (clean.startsWith("/")) {
            throw refused(source, name, "has an absolute name");
        }
        if (clean.indexOf('\0') >= 0) {
            throw refused(source, name, "contains a NUL character");
        }
        for (String part : clean.split("/")) {
            if (part.equals("..")) {
                throw refused(source, name, "leads out of the tree with '..'");
            }
        }
        Path target = root.resolve(clean).normalize();
        if (!target.startsWith(root)) {
            throw refused(source, name, "leads out of the tree");
        }
        return target;
    }

    /** Makes the parents of {@code target}, refusing to go through anything but real directories. */
    private void makeParents(Path target, String source, String name) throws IOException {
        Path current = root;
        for (Path part : root.relativize(target.getParent() == null ? root : target.getParent())) {
            current = current.resolve(part);
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
                continue;
            }
            BasicFileAttributes attrs = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isSymbolicLink()) {
                throw refused(source, name, "goes through the symbolic link " + root.relativize(current));
            }
            if (!attrs.isDirectory()) {
                throw refused(source, name, "goes through " + root.relativize(current) + ", which is not a directory");
            }
        }
    }

    private void makeDirectory(Path target, TarArchiveEntry entry, String source) throws IOException {
        makeParents(target, source, entry.getName());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(target);
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(target);
        }
        if (policy.faithful) {
            directoryModes.add(new Object[] {target, entry});
        } else {
            Files.setPosixFilePermissions(target, permissions(entry.getMode()));
        }
    }

    private void makeSymlink(Path target, TarArchiveEntry entry, String source) throws IOException {
        makeParents(target, source, entry.getName());
        replaceNonDirectory(target, source, entry.getName());
        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
    }

    private void makeHardLink(Path target, TarArchiveEntry entry, String source) throws IOException {
        Path existing;
        try {
            existing = resolve(entry.getLinkName(), source);
        } catch (SirenException e) {
            throw refused(source, entry.getName(), "is a hard link to " + entry.getLinkName() + ", outside the tree");
        }
        if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS) || !isInsideWithoutLinks(existing)) {
            throw refused(source, entry.getName(), "is a hard link to " + entry.getLinkName()
                    + ", which is not a regular file unpacked earlier");
        }
        makeParents(target, source, entry.getName());
        replaceNonDirectory(target, source, entry.getName());
        Files.createLink(target, existing);
    }

    private void writeFile(Path target, TarArchiveEntry entry, InputStream in, String source) throws IOException {
        makeParents(target, source, entry.getName());
        replaceNonDirectory(target, source, entry.getName());
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
                if (bytes > maxBytes) {
                    throw new SirenException(Reason.INVALID_ARGS, source + " is larger than " + maxBytes
                            + " bytes; leave large files out with .sirenignore");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                progress.unpacked(n);
            }
        }
        if (!policy.faithful) {
            Files.setPosixFilePermissions(target, permissions(entry.getMode()));
            Files.setLastModifiedTime(target, FileTime.from(entry.getModTime().toInstant()));
        }
    }

    private static boolean isSpecialUnderDev(TarArchiveEntry entry, Path target) {
        return (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO())
                && target.getParent() != null && target.getParent().getFileName() != null
                && entry.getName().replaceFirst("^(\\./)+", "").startsWith("dev/");
    }

    private void makeSpecial(Path target, TarArchiveEntry entry, String source) throws IOException {
        makeParents(target, source, entry.getName());
        replaceNonDirectory(target, source, entry.getName());
        java.util.List<String> argv = entry.isFIFO()
                ? java.util.List.of("mknod", "-m", "600", target.toString(), "p")
                : java.util.List.of("mknod", "-m", "600", target.toString(), entry.isCharacterDevice() ? "c" : "b",
                        Integer.toString(entry.getDevMajor()), Integer.toString(entry.getDevMinor()));
        org.siren.daemon.system.Command.check(argv);
    }

    /**
     * Owner (lchown), and but for symbolic links mode and extended attributes; the time of regular
     * files and directories only. The JDK changes a mode or a time "without following links" by
     * opening the file, which a device node must not be and a FIFO would block on; the entry is known
     * not to be a link (it was just made in this private directory), so the mode is set by path.
     */
    private void keepMetadata(Path target, TarArchiveEntry entry) throws IOException {
        Files.setAttribute(target, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(target, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
        if (entry.isSymbolicLink()) {
            return;
        }
        Files.setAttribute(target, "unix:mode", entry.getMode() & 07777);
        ExtendedAttributes.apply(target, entry);
        if (entry.isDirectory() || isRegularFile(entry) || entry.isLink()) {
            Files.getFileAttributeView(target, java.nio.file.attribute.BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).setTimes(FileTime.from(entry.getModTime().toInstant()), null, null);
        }
    }

    /** Directories get their owners, modes and times last, deepest first, so that read-only ones can be filled. */
    private void finishDirectories() throws IOException {
        for (int i = directoryModes.size() - 1; i >= 0; i--) {
            Path dir = (Path) directoryModes.get(i)[0];
            TarArchiveEntry entry = (TarArchiveEntry) directoryModes.get(i)[1];
            keepMetadata(dir, entry);
        }
    }

    private void replaceNonDirectory(Path target, String source, String name) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(source, name, "would replace a directory");
        }
        Files.delete(target);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
    }

    private boolean isInsideWithoutLinks(Path path) throws IOException {
        Path current = root;
        for (Path part : root.relativize(path.getParent())) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                return false;
            }
        }
        return true;
    }

    private void record(TarArchiveEntry entry) {
        String kind = entry.isDirectory() ? "d" : entry.isSymbolicLink() ? "l" : entry.isLink() ? "h" : "f";
        String line = kind + " " + Integer.toOctalString(entry.getMode() & 07777) + " " + entry.getName() + " -> "
                + entry.getLinkName() + " " + entry.getSize() + "\n";
        digest.update(line.getBytes(StandardCharsets.UTF_8));
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    private static SirenException refused(String source, String name, String why) {
        return new SirenException(Reason.INVALID_ARGS, source + ": entry \"" + name + "\" " + why
                + "; nothing of it was unpacked");
    }
}
