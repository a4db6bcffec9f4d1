package org.siren.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

import org.siren.client.bus.ObjectPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import",
        description = {
            "Import a root file system tarball as a new base image.",
            "",
            "FILE is read with your permissions: .tar, .tar.gz, .tar.xz or .tar.zst, or - for",
            "standard input. Entries that would land outside the image (.., absolute names,",
            "links leading out, paths through a symlink) are refused, naming the entry, and",
            "nothing is imported; owners, modes, times and extended attributes are kept;",
            "device nodes only under dev/.",
        },
        footerHeading = "%nExample:%n",
        footer = {"  sirenctl import rootfs.tar.zst debian --version 12 && sirenctl new web0 debian"})
final class ImportCommand extends SubCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The tarball, or - to read standard input.")
    String file;

    @Parameters(index = "1", paramLabel = "NAME", description = "The name of the new base image.")
    String name;

    @Option(names = "--version", paramLabel = "VERSION", defaultValue = "", description = "Its version.")
    String version;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path spooled = file.equals("-") ? spoolStandardInput() : null;
        String path = spooled != null ? spooled.toString() : Path.of(file).toAbsolutePath().normalize().toString();
        try (SirenBus siren = sirenctl.connect()) {
            JobFollower follower = JobFollower.subscribe(siren);
            ObjectPath job = siren.importTar(path, name, version);
            String message = JobRun.followToSuccess(siren, follower, job, false, out, spec.commandLine().getErr(),
                    "import");
            out.println(message + ". Build on it with FROM " + name + ", or: sirenctl new CONTAINER " + name);
            return 0;
        } finally {
            if (spooled != null) {
                deleteQuietly(spooled);
            }
        }
    }

    /** The service reads files, not pipes: standard input goes to a private file of this user first. */
    private static Path spoolStandardInput() {
        try {
            Path file = Files.createTempFile("sirenctl-import-", ".tar",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (InputStream in = System.in) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new ClientException(ClientException.FAILED, "cannot read standard input: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover in the temporary directory; it holds only what this user piped in.
        }
    }
}
